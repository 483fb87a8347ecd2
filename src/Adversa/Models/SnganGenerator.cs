using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="SnganGenerator"/>.</summary>
/// <param name="LatentDim">Length of z (SNGAN: 128).</param>
/// <param name="ImageChannels">Channels of the generated image.</param>
/// <param name="ImageSize">28 (from 7x7, two residual blocks) or 64 (from 4x4, four).</param>
/// <param name="Width">Channels at full size; each block before has twice its successor's.</param>
/// <param name="Condition">When given, every batch norm is conditional on its classes (see <see cref="ClassConditionalGenerator"/>).</param>
public sealed record SnganGeneratorOptions(int LatentDim = 128, int ImageChannels = 1, int ImageSize = 28, int Width = 32, ClassCondition? Condition = null);

/// <summary>
/// The residual generator of SNGAN (Miyato et al. 2018, appendix B; Gulrajani et al. 2017's ResNet) for small images:
/// a dense layer to a 7x7 (28x28 images) or 4x4 (64x64) map, upsampling residual blocks that double the size and halve
/// the channels, then batch norm, ReLU, a 3x3 convolution to the image channels and tanh.
/// </summary>
public sealed class SnganGenerator : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Linear _project;
    private readonly Sequential _blocks;
    private readonly nn.Module<Tensor, Tensor> _outputNorm;
    private readonly Convolution _toImage;
    private readonly long _firstChannels;
    private readonly int _firstSize;

    /// <summary>Builds the network from its options.</summary>
    public SnganGenerator(SnganGeneratorOptions options) : base(nameof(SnganGenerator))
    {
        var (firstSize, blocks) = SnganShape.Of(options.ImageSize);
        _firstSize = firstSize;
        _firstChannels = (long)options.Width << blocks;
        _project = SnganInit.Xavier(nn.Linear(options.LatentDim, _firstChannels * firstSize * firstSize), 1);
        _blocks = nn.Sequential();
        for (var i = blocks; i > 0; i--)
            _blocks.append(new SnganGeneratorBlock((long)options.Width << i, (long)options.Width << (i - 1), options.Condition));
        _outputNorm = ConditionalBatchNorm.Create(options.Width, spatial: true, options.Condition);
        _toImage = SnganInit.Xavier(Convolutions.Conv2d(options.Width, options.ImageChannels, 3, padding: 1), 1);
        RegisterComponents();
    }

    /// <summary>Maps z (N x latent) to images (N x C x size x size) in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var features = _blocks.call(_project.call(z).view(-1, _firstChannels, _firstSize, _firstSize));
        return _toImage.call(nn.functional.relu(_outputNorm.call(features))).tanh().MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string z)
    {
        var features = graph.Add(_blocks, graph.Reshape(graph.Add(_project, z), _firstChannels, _firstSize, _firstSize));
        return graph.Node("Tanh", [graph.Add(_toImage, graph.Node("Relu", [graph.Add(_outputNorm, features)], []))], []);
    }
}

/// <summary>The layout both SNGAN networks share for an image size.</summary>
internal static class SnganShape
{
    /// <summary>The side of the smallest feature map and the number of resampling blocks between it and the image.</summary>
    public static (int FirstSize, int Blocks) Of(int imageSize) => imageSize switch
    {
        28 => (7, 2),
        64 => (4, 4),
        _ => throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "the SNGAN networks make 28x28 or 64x64 images"),
    };
}
