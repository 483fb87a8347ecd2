using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="FullyConnectedDiscriminator"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="ImageSize">Side of the square image.</param>
/// <param name="Width">Units of the second hidden layer; the first has 2x (256: 512, 256).</param>
/// <param name="Extras">Spectral normalisation and the minibatch layer (default: neither).</param>
public sealed record FullyConnectedDiscriminatorOptions(int ImageChannels = 1, int ImageSize = 28, int Width = 256, CriticExtras? Extras = null);

/// <summary>The plain GAN discriminator for MNIST: the flattened image through two dense layers with LeakyReLU 0.2 to one raw score.</summary>
public sealed class FullyConnectedDiscriminator : Critic, IOnnxExportable
{
    private readonly Sequential _hidden;
    private readonly Sequential _score;

    /// <summary>Builds the network from its options.</summary>
    public FullyConnectedDiscriminator(FullyConnectedDiscriminatorOptions options) : base(nameof(FullyConnectedDiscriminator))
    {
        var w = options.Width;
        var pixels = (long)options.ImageChannels * options.ImageSize * options.ImageSize;
        var extras = options.Extras ?? CriticExtras.None;
        _hidden = nn.Sequential(
            extras.Layer(nn.Linear(pixels, 2 * w)), nn.LeakyReLU(0.2), // C*H*W -> 2w
            extras.Layer(nn.Linear(2 * w, w)), nn.LeakyReLU(0.2));     // -> w
        _score = nn.Sequential(
            extras.CreateBatchLayer(w),                                // -> w + extra
            extras.Layer(nn.Linear(w + extras.AddedChannels, 1)));    // -> a logit (or a critic score)
        RegisterComponents();
    }

    /// <summary>The w activations of the second hidden layer.</summary>
    public override Tensor Features(Tensor images) => _hidden.forward(images.flatten(1));

    /// <summary>One raw value per image (N).</summary>
    public override Tensor ScoreFeatures(Tensor features) => _score.forward(features).view(-1);

    string IOnnxExportable.AddTo(OnnxGraph graph, string images) => graph.Reshape(graph.Add(_score, graph.Add(_hidden, graph.Flatten(images))));
}
