using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="ResidualCritic"/>.</summary>
/// <param name="ImageChannels">Channels of the input image (seed 003: 3).</param>
/// <param name="Width">Channels of the first block; later blocks have 2x, 4x, 8x, 16x (seed 003: 32 ... 512).</param>
/// <param name="Normalization">Inside the residual blocks (seed 003: none; batch norm does not suit a gradient penalty).</param>
/// <param name="Extras">Spectral normalisation and the minibatch layer (default: neither).</param>
public sealed record ResidualCriticOptions(int ImageChannels = 3, int Width = 32, Normalization Normalization = Normalization.None, CriticExtras? Extras = null);

/// <summary>Seed 003's critic: residual blocks (down w, down 2w, down 4w, down 8w, none 16w) from 64x64 to 4x4, a 4x4 conv to one channel, a dense layer to one score.</summary>
public sealed class ResidualCritic : Critic, IOnnxExportable
{
    private readonly Sequential _blocks;
    private readonly nn.Module<Tensor, Tensor> _batchLayer;
    private readonly nn.Module<Tensor, Tensor> _toScoreMap;
    private readonly nn.Module<Tensor, Tensor> _toScore;

    /// <summary>Builds the network from its options.</summary>
    public ResidualCritic(ResidualCriticOptions options) : base(nameof(ResidualCritic))
    {
        var w = options.Width;
        var norm = options.Normalization;
        var extras = options.Extras ?? CriticExtras.None;
        _blocks = nn.Sequential(
            new ResidualBlock(options.ImageChannels, w, Resampling.Down, norm, extras.Layer), // w x 32 x 32
            new ResidualBlock(w, 2 * w, Resampling.Down, norm, extras.Layer),                 // (2w) x 16 x 16
            new ResidualBlock(2 * w, 4 * w, Resampling.Down, norm, extras.Layer),             // (4w) x 8 x 8
            new ResidualBlock(4 * w, 8 * w, Resampling.Down, norm, extras.Layer),             // (8w) x 4 x 4
            new ResidualBlock(8 * w, 16 * w, Resampling.None, norm, extras.Layer));           // (16w) x 4 x 4
        _batchLayer = extras.CreateBatchLayer(16L * w * 4 * 4);                          // (16w + extra) x 4 x 4
        _toScoreMap = SamePaddingConv.Create(16 * w + extras.AddedChannels, 1, 4, extras.Layer); // 1 x 4 x 4
        _toScore = extras.Layer(nn.Linear(4 * 4, 1));
        RegisterComponents();
    }

    /// <summary>The (16w) x 4 x 4 output of the last residual block.</summary>
    public override Tensor Features(Tensor images) => _blocks.forward(images);

    /// <summary>One raw value per image (N).</summary>
    public override Tensor ScoreFeatures(Tensor features)
    {
        using var scope = NewDisposeScope();
        var scoreMap = _toScoreMap.call(_batchLayer.call(features));
        return _toScore.call(scoreMap.flatten(1)).view(-1).MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string images) => graph.Reshape(graph.Add(_toScore, graph.Flatten(graph.Add(_toScoreMap, graph.Add(_batchLayer, graph.Add(_blocks, images))))));
}
