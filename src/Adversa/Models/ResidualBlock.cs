using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// Seed 003's residual block. None/Down: y = conv4x4(relu(conv4x4(x))) beside a 1x1 shortcut conv
/// (both stride 2 when downsampling); Up: a 1x1 stride-2 transposed conv first, whose output is both the
/// shortcut and the input of the two 4x4 convs. The block returns relu(shortcut + y). With a
/// <see cref="Normalization"/> other than none, each 4x4 conv is followed by it (the seed has none;
/// Gulrajani et al.'s ResNet generator uses batch norm).
/// </summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly nn.Module<Tensor, Tensor>? _upsample;
    private readonly nn.Module<Tensor, Tensor> _shortcut;
    private readonly Sequential _residual;

    /// <summary>Builds a block from <paramref name="inChannels"/> to <paramref name="outChannels"/>; <paramref name="wrapConv"/>, when given, wraps each convolution (a critic's spectral normalisation).</summary>
    public ResidualBlock(long inChannels, long outChannels, Resampling resampling, Normalization normalization = Normalization.None,
        Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>>? wrapConv = null) : base(nameof(ResidualBlock))
    {
        var wrap = wrapConv ?? (layer => layer);
        if (resampling == Resampling.Up)
        {
            // 1x1 stride-2 transposed conv with output_padding 1 doubles the size, as TF's "same" does.
            _upsample = Convolutions.ConvTranspose2d(inChannels, outChannels, 1, stride: 2, padding: 0, outputPadding: 1);
            _shortcut = nn.Identity();
            _residual = nn.Sequential(
                SamePaddingConv.Create(outChannels, outChannels, 4, wrap), NormalizationLayers.Create2d(normalization, outChannels), nn.ReLU(),
                SamePaddingConv.Create(outChannels, outChannels, 4, wrap), NormalizationLayers.Create2d(normalization, outChannels));
        }
        else
        {
            var stride = resampling == Resampling.Down ? 2 : 1;
            _shortcut = wrap(Convolutions.Conv2d(inChannels, outChannels, 1, stride: stride, padding: 0));
            // TF "same" for k4: stride 2 pads 1 on each side; stride 1 pads 1 before and 2 after.
            var first = stride == 2
                ? wrap(Convolutions.Conv2d(inChannels, outChannels, 4, stride: 2, padding: 1))
                : SamePaddingConv.Create(inChannels, outChannels, 4, wrap);
            _residual = nn.Sequential(
                first, NormalizationLayers.Create2d(normalization, outChannels), nn.ReLU(),
                SamePaddingConv.Create(outChannels, outChannels, 4, wrap), NormalizationLayers.Create2d(normalization, outChannels));
        }
        RegisterComponents();
    }

    /// <summary>Applies the block.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _upsample is null ? input : _upsample.call(input);
        return nn.functional.relu(_shortcut.call(x) + _residual.call(x)).MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string input)
    {
        var x = _upsample is null ? input : graph.Add(_upsample, input);
        return graph.Node("Relu", [graph.Node("Add", [graph.Add(_shortcut, x), graph.Add(_residual, x)], [])], []);
    }
}
