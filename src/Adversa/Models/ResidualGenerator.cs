using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="ResidualGenerator"/>.</summary>
/// <param name="LatentDim">Length of z.</param>
/// <param name="ImageChannels">Channels of the generated image (seed 003: 3).</param>
/// <param name="Width">Channels of the last block; earlier blocks have 2x, 4x, 8x, 16x (seed 003: 32, so 512 first).</param>
/// <param name="TanhOutput">End on tanh; seed 003 ends on the linear convolution.</param>
/// <param name="Normalization">Inside the residual blocks (seed 003: none).</param>
public sealed record ResidualGeneratorOptions(int LatentDim, int ImageChannels = 3, int Width = 32, bool TanhOutput = false, Normalization Normalization = Normalization.None);

/// <summary>Seed 003's generator: dense to 4x4x(16w), residual blocks (none 16w, up 8w, up 4w, up 2w, up w) to 64x64, a 4x4 conv to the image channels.</summary>
/// <remarks>The seed's output is linear; <see cref="ResidualGeneratorOptions.TanhOutput"/> bounds it to the data's [-1, 1]. Sample grids clamp either way.</remarks>
public sealed class ResidualGenerator : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Linear _project;
    private readonly Sequential _blocks;
    private readonly nn.Module<Tensor, Tensor> _toImage;
    private readonly long _firstChannels;
    private readonly bool _tanhOutput;

    /// <summary>Builds the network from its options.</summary>
    public ResidualGenerator(ResidualGeneratorOptions options) : base(nameof(ResidualGenerator))
    {
        var w = options.Width;
        _firstChannels = 16 * w;
        _tanhOutput = options.TanhOutput;
        _project = nn.Linear(options.LatentDim, 4 * 4 * _firstChannels);
        var norm = options.Normalization;
        _blocks = nn.Sequential(
            new ResidualBlock(16 * w, 16 * w, Resampling.None, norm), // (16w) x 4 x 4
            new ResidualBlock(16 * w, 8 * w, Resampling.Up, norm),    // (8w) x 8 x 8
            new ResidualBlock(8 * w, 4 * w, Resampling.Up, norm),     // (4w) x 16 x 16
            new ResidualBlock(4 * w, 2 * w, Resampling.Up, norm),     // (2w) x 32 x 32
            new ResidualBlock(2 * w, w, Resampling.Up, norm));        // w x 64 x 64
        _toImage = SamePaddingConv.Create(w, options.ImageChannels, 4);
        RegisterComponents();
    }

    /// <summary>Maps z (N x latent) to images (N x C x 64 x 64); the data it learns lie in [-1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var features = _project.call(z).view(-1, _firstChannels, 4, 4);
        var images = _toImage.call(_blocks.call(features));
        return (_tanhOutput ? images.tanh() : images).MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string z)
    {
        var images = graph.Add(_toImage, graph.Add(_blocks, graph.Reshape(graph.Add(_project, z), _firstChannels, 4, 4)));
        return _tanhOutput ? graph.Node("Tanh", [images], []) : images;
    }
}
