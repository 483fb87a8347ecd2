using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="SnganCritic"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="ImageSize">28 (two halving blocks to 7x7) or 64 (four, to 4x4).</param>
/// <param name="Width">Channels of the first block; each later block has twice its predecessor's.</param>
/// <param name="Extras">Spectral normalisation (SNGAN's) and the minibatch layer (default: neither).</param>
public sealed record SnganCriticOptions(int ImageChannels = 1, int ImageSize = 28, int Width = 32, CriticExtras? Extras = null);

/// <summary>
/// The residual critic of SNGAN (Miyato et al. 2018, appendix B): blocks that halve the size and double the channels
/// down to 7x7 (28x28 images) or 4x4 (64x64), one more block that keeps the size, ReLU, a sum over positions and a dense
/// layer to one score. Its features, the last block's activations, are what a projection critic projects the class onto.
/// </summary>
public sealed class SnganCritic : Critic, IOnnxExportable
{
    private readonly Sequential _blocks;
    private readonly nn.Module<Tensor, Tensor> _batchLayer;
    private readonly nn.Module<Tensor, Tensor> _toScore;

    /// <summary>Builds the network from its options.</summary>
    public SnganCritic(SnganCriticOptions options) : base(nameof(SnganCritic))
    {
        var (lastSize, blocks) = SnganShape.Of(options.ImageSize);
        var extras = options.Extras ?? CriticExtras.None;
        long w = options.Width;
        _blocks = nn.Sequential(new SnganCriticBlock(options.ImageChannels, w, downsample: true, first: true, extras.Layer));
        for (var i = 1; i < blocks; i++)
            _blocks.append(new SnganCriticBlock(w << (i - 1), w << i, downsample: true, first: false, extras.Layer));
        _blocks.append(new SnganCriticBlock(w << (blocks - 1), w << blocks, downsample: false, first: false, extras.Layer));
        _batchLayer = extras.CreateBatchLayer((w << blocks) * lastSize * lastSize);
        _toScore = extras.Layer(SnganInit.Xavier(nn.Linear((w << blocks) + extras.AddedChannels, 1), 1));
        RegisterComponents();
    }

    /// <summary>The last block's activations after ReLU (N x 2^blocks w x 7 x 7, or x 4 x 4).</summary>
    public override Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        return nn.functional.relu(_blocks.call(images)).MoveToOuterDisposeScope();
    }

    /// <summary>One raw value per image (N): the dense layer of the features summed over positions.</summary>
    public override Tensor ScoreFeatures(Tensor features)
    {
        using var scope = NewDisposeScope();
        return _toScore.call(_batchLayer.call(features).flatten(2).sum(2)).view(-1).MoveToOuterDisposeScope();
    }

    string IOnnxExportable.AddTo(OnnxGraph graph, string images)
    {
        var features = graph.Add(_batchLayer, graph.Node("Relu", [graph.Add(_blocks, images)], []));
        return graph.Reshape(graph.Add(_toScore, graph.SumOverPositions(features)));
    }
}
