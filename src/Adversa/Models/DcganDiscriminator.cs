using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="DcganDiscriminator"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="Width">Channels of the first layer; the next are 2x, 4x, 8x (seed 000: 128 ... 1024).</param>
/// <param name="Normalization">After layers 2 to 4 (seed 000: batch).</param>
/// <param name="NegativeSlope">LeakyReLU slope (tf.nn.leaky_relu's default, 0.2).</param>
public sealed record DcganDiscriminatorOptions(int ImageChannels, int Width = 128, Normalization Normalization = Normalization.Batch, double NegativeSlope = 0.2);

/// <summary>The 64x64 DCGAN discriminator / critic of seed 000: four stride-2 convolutions and a 4x4 valid one giving one raw score per image.</summary>
public sealed class DcganDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    /// <summary>Builds the network from its options.</summary>
    public DcganDiscriminator(DcganDiscriminatorOptions options) : base(nameof(DcganDiscriminator))
    {
        var w = options.Width;
        var slope = options.NegativeSlope;
        var norm = options.Normalization;
        _layers = nn.Sequential(
            // channels x 64 x 64 -> w x 32 x 32
            nn.Conv2d(options.ImageChannels, w, 4, stride: 2, padding: 1L), nn.LeakyReLU(slope),
            // -> (2w) x 16 x 16
            nn.Conv2d(w, 2 * w, 4, stride: 2, padding: 1L), NormalizationLayers.Create2d(norm, 2 * w), nn.LeakyReLU(slope),
            // -> (4w) x 8 x 8
            nn.Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1L), NormalizationLayers.Create2d(norm, 4 * w), nn.LeakyReLU(slope),
            // -> (8w) x 4 x 4
            nn.Conv2d(4 * w, 8 * w, 4, stride: 2, padding: 1L), NormalizationLayers.Create2d(norm, 8 * w), nn.LeakyReLU(slope),
            // -> 1 x 1 x 1: a logit (DCGAN) or a critic score (WGAN)
            nn.Conv2d(8 * w, 1, 4, stride: 1, padding: 0L));
        RegisterComponents();
    }

    /// <summary>Scores images (N x C x 64 x 64), one raw value per image (N).</summary>
    public override Tensor forward(Tensor images) => _layers.forward(images).view(-1);
}
