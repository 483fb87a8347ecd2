using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Initialisation of the SNGAN networks (Miyato et al. 2018's code, as Mimicry and StudioGAN keep it).</summary>
internal static class SnganInit
{
    /// <summary>Xavier-uniform weights with <paramref name="gain"/> (sqrt 2 before a ReLU, 1 elsewhere) and zero biases; returns the layer.</summary>
    public static T Xavier<T>(T layer, double gain) where T : nn.Module<Tensor, Tensor>
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in layer.named_parameters())
            if (name == "weight")
                nn.init.xavier_uniform_(parameter, gain);
            else
                parameter.zero_();
        return layer;
    }

    /// <summary>A 3x3 convolution that keeps the size, initialised for a ReLU around it.</summary>
    public static Convolution Conv3x3(long inChannels, long outChannels) => Xavier(Convolutions.Conv2d(inChannels, outChannels, 3, padding: 1), Math.Sqrt(2));

    /// <summary>A 1x1 convolution (a shortcut that changes the channels).</summary>
    public static Convolution Conv1x1(long inChannels, long outChannels) => Xavier(Convolutions.Conv2d(inChannels, outChannels, 1), 1);
}

/// <summary>
/// The generator's pre-activation residual block of Miyato et al. 2018 (and Gulrajani et al. 2017):
/// y = conv3x3(relu(bn(conv3x3(up(relu(bn(x))))))) + conv1x1(up(x)), up doubling the size by nearest neighbours. With a
/// <see cref="ClassCondition"/>, both batch norms are conditional on the class (SNGAN's conditional generator).
/// </summary>
internal sealed class SnganGeneratorBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly nn.Module<Tensor, Tensor> _norm1;
    private readonly Convolution _conv1;
    private readonly nn.Module<Tensor, Tensor> _norm2;
    private readonly Convolution _conv2;
    private readonly Convolution _shortcut;

    public SnganGeneratorBlock(long inChannels, long outChannels, ClassCondition? condition) : base(nameof(SnganGeneratorBlock))
    {
        _norm1 = ConditionalBatchNorm.Create(inChannels, spatial: true, condition);
        _conv1 = SnganInit.Conv3x3(inChannels, outChannels);
        _norm2 = ConditionalBatchNorm.Create(outChannels, spatial: true, condition);
        _conv2 = SnganInit.Conv3x3(outChannels, outChannels);
        _shortcut = SnganInit.Conv1x1(inChannels, outChannels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = _conv1.call(Upsample(nn.functional.relu(_norm1.call(x))));
        h = _conv2.call(nn.functional.relu(_norm2.call(h)));
        // A 1x1 convolution commutes with nearest upsampling: applied first, it costs a quarter.
        return (h + Upsample(_shortcut.call(x))).MoveToOuterDisposeScope();
    }

    private static Tensor Upsample(Tensor x) => nn.functional.interpolate(x, scale_factor: [2, 2], mode: InterpolationMode.Nearest);

    string IOnnxExportable.AddTo(OnnxGraph graph, string x)
    {
        var h = graph.Add(_conv1, graph.UpsampleNearest2x(graph.Node("Relu", [graph.Add(_norm1, x)], [])));
        h = graph.Add(_conv2, graph.Node("Relu", [graph.Add(_norm2, h)], []));
        return graph.Node("Add", [h, graph.UpsampleNearest2x(graph.Add(_shortcut, x))], []);
    }
}

/// <summary>
/// The critic's residual block of Miyato et al. 2018: y = pool(conv3x3(relu(conv3x3(relu(x))))) + conv1x1(pool(x)), pool
/// a 2x2 average when the block halves the size. The first block of a critic (<c>first</c>) reads the image itself, so it
/// has no ReLU before its first convolution. The shortcut is the identity when the block keeps channels and size.
/// </summary>
internal sealed class SnganCriticBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly nn.Module<Tensor, Tensor> _conv1;
    private readonly nn.Module<Tensor, Tensor> _conv2;
    private readonly nn.Module<Tensor, Tensor>? _shortcut;
    private readonly bool _first;
    private readonly bool _downsample;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>; <paramref name="wrap"/> wraps each convolution (spectral normalisation).</summary>
    public SnganCriticBlock(long inChannels, long outChannels, bool downsample, bool first, Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>> wrap)
        : base(nameof(SnganCriticBlock))
    {
        _first = first;
        _downsample = downsample;
        _conv1 = wrap(SnganInit.Conv3x3(inChannels, outChannels));
        _conv2 = wrap(SnganInit.Conv3x3(outChannels, outChannels));
        _shortcut = downsample || inChannels != outChannels ? wrap(SnganInit.Conv1x1(inChannels, outChannels)) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = _conv2.call(nn.functional.relu(_conv1.call(_first ? x : nn.functional.relu(x))));
        var pooled = _downsample ? nn.functional.avg_pool2d(x, 2) : x;
        // A 1x1 convolution commutes with average pooling: applied after it, it costs a quarter.
        var shortcut = _shortcut is null ? pooled : _shortcut.call(pooled);
        return ((_downsample ? nn.functional.avg_pool2d(h, 2) : h) + shortcut).MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string x)
    {
        var h = graph.Add(_conv2, graph.Node("Relu", [graph.Add(_conv1, _first ? x : graph.Node("Relu", [x], []))], []));
        var pooled = _downsample ? graph.AveragePool2x(x) : x;
        var shortcut = _shortcut is null ? pooled : graph.Add(_shortcut, pooled);
        return graph.Node("Add", [_downsample ? graph.AveragePool2x(h) : h, shortcut], []);
    }
}
