using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="DcganDiscriminator"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="Width">Channels of the first layer; the next are 2x, 4x, 8x (seed 000: 128 ... 1024).</param>
/// <param name="Normalization">After layers 2 to 4 (seed 000: batch).</param>
/// <param name="NegativeSlope">LeakyReLU slope (tf.nn.leaky_relu's default, 0.2).</param>
/// <param name="Extras">Spectral normalisation and the minibatch layer (default: neither).</param>
public sealed record DcganDiscriminatorOptions(int ImageChannels, int Width = 128, Normalization Normalization = Normalization.Batch, double NegativeSlope = 0.2, CriticExtras? Extras = null);

/// <summary>The 64x64 DCGAN discriminator / critic of seed 000: four stride-2 convolutions and a 4x4 valid one giving one raw score per image.</summary>
public sealed class DcganDiscriminator : Critic, IOnnxExportable
{
    private readonly Sequential _hidden;
    private readonly Sequential _score;

    /// <summary>Builds the network from its options.</summary>
    public DcganDiscriminator(DcganDiscriminatorOptions options) : base(nameof(DcganDiscriminator))
    {
        var w = options.Width;
        var slope = options.NegativeSlope;
        var norm = options.Normalization;
        var extras = options.Extras ?? CriticExtras.None;
        _hidden = nn.Sequential(
            // channels x 64 x 64 -> w x 32 x 32
            extras.Layer(Convolutions.Conv2d(options.ImageChannels, w, 4, stride: 2, padding: 1)), nn.LeakyReLU(slope),
            // -> (2w) x 16 x 16
            extras.Layer(Convolutions.Conv2d(w, 2 * w, 4, stride: 2, padding: 1)), NormalizationLayers.Create2d(norm, 2 * w), nn.LeakyReLU(slope),
            // -> (4w) x 8 x 8
            extras.Layer(Convolutions.Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1)), NormalizationLayers.Create2d(norm, 4 * w), nn.LeakyReLU(slope),
            // -> (8w) x 4 x 4
            extras.Layer(Convolutions.Conv2d(4 * w, 8 * w, 4, stride: 2, padding: 1)), NormalizationLayers.Create2d(norm, 8 * w), nn.LeakyReLU(slope));
        _score = nn.Sequential(
            // -> (8w + extra) x 4 x 4
            extras.CreateBatchLayer(8L * w * 4 * 4),
            // -> 1 x 1 x 1: a logit (DCGAN) or a critic score (WGAN)
            extras.Layer(Convolutions.Conv2d(8 * w + extras.AddedChannels, 1, 4, stride: 1, padding: 0)));
        RegisterComponents();
    }

    /// <summary>The (8w) x 4 x 4 activations before the scoring convolution.</summary>
    public override Tensor Features(Tensor images) => _hidden.forward(images);

    /// <summary>One raw value per image (N).</summary>
    public override Tensor ScoreFeatures(Tensor features) => _score.forward(features).view(-1);

    string IOnnxExportable.AddTo(OnnxGraph graph, string images) => graph.Reshape(graph.Add(_score, graph.Add(_hidden, images)));
}
