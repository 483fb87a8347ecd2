using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="SmallDcganCritic"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="Width">Channels of the first convolution; doubled at each downsampling (seed 004: 64).</param>
/// <param name="Normalization">After each convolution (seed 004: batch; in a gradient-penalty critic, layer or none is the known remedy).</param>
/// <param name="Dropout">Dropout after the downsampling blocks (seed 004: 0.3).</param>
/// <param name="NegativeSlope">LeakyReLU slope (Keras' default, 0.3).</param>
/// <param name="Extras">Spectral normalisation and the minibatch layer (default: neither).</param>
public sealed record SmallDcganCriticOptions(int ImageChannels = 1, int Width = 64, Normalization Normalization = Normalization.Batch, double Dropout = 0.3, double NegativeSlope = 0.3, CriticExtras? Extras = null);

/// <summary>The 28x28 DCGAN discriminator / critic of seed 004: a 5x5 convolution, two 5x5 stride-2 blocks with dropout, and a 7x7 valid convolution to one score.</summary>
public sealed class SmallDcganCritic : Critic, IOnnxExportable
{
    private readonly Sequential _hidden;
    private readonly Sequential _score;

    /// <summary>Builds the network from its options.</summary>
    public SmallDcganCritic(SmallDcganCriticOptions options) : base(nameof(SmallDcganCritic))
    {
        var w = options.Width;
        var slope = options.NegativeSlope;
        var norm = options.Normalization;
        var extras = options.Extras ?? CriticExtras.None;
        _hidden = nn.Sequential(
            // channels x 28 x 28 -> w x 28 x 28
            extras.Layer(Convolutions.Conv2d(options.ImageChannels, w, 5, stride: 1, padding: 2)), NormalizationLayers.Create2d(norm, w), nn.LeakyReLU(slope),
            // -> (2w) x 14 x 14
            extras.Layer(Convolutions.Conv2d(w, 2 * w, 5, stride: 2, padding: 2)), NormalizationLayers.Create2d(norm, 2 * w), nn.LeakyReLU(slope), new UniformMaskDropout(options.Dropout),
            // -> (4w) x 7 x 7
            extras.Layer(Convolutions.Conv2d(2 * w, 4 * w, 5, stride: 2, padding: 2)), NormalizationLayers.Create2d(norm, 4 * w), nn.LeakyReLU(slope), new UniformMaskDropout(options.Dropout));
        _score = nn.Sequential(
            // -> (4w + extra) x 7 x 7
            extras.CreateBatchLayer(4L * w * 7 * 7),
            // -> 1 x 1 x 1
            extras.Layer(Convolutions.Conv2d(4 * w + extras.AddedChannels, 1, 7, stride: 1, padding: 0)));
        RegisterComponents();
    }

    /// <summary>The (4w) x 7 x 7 activations before the scoring convolution.</summary>
    public override Tensor Features(Tensor images) => _hidden.forward(images);

    /// <summary>One raw value per image (N).</summary>
    public override Tensor ScoreFeatures(Tensor features) => _score.forward(features).view(-1);

    string IOnnxExportable.AddTo(OnnxGraph graph, string images) => graph.Reshape(graph.Add(_score, graph.Add(_hidden, images)));
}
