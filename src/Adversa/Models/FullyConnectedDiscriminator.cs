using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="FullyConnectedDiscriminator"/>.</summary>
/// <param name="ImageChannels">Channels of the input image.</param>
/// <param name="ImageSize">Side of the square image.</param>
/// <param name="Width">Units of the second hidden layer; the first has 2x (256: 512, 256).</param>
public sealed record FullyConnectedDiscriminatorOptions(int ImageChannels = 1, int ImageSize = 28, int Width = 256);

/// <summary>The plain GAN discriminator for MNIST: the flattened image through two dense layers with LeakyReLU 0.2 to one raw score.</summary>
public sealed class FullyConnectedDiscriminator : nn.Module<Tensor, Tensor>
{
    private readonly Sequential _layers;

    /// <summary>Builds the network from its options.</summary>
    public FullyConnectedDiscriminator(FullyConnectedDiscriminatorOptions options) : base(nameof(FullyConnectedDiscriminator))
    {
        var w = options.Width;
        var pixels = (long)options.ImageChannels * options.ImageSize * options.ImageSize;
        _layers = nn.Sequential(
            nn.Linear(pixels, 2 * w), nn.LeakyReLU(0.2), // C*H*W -> 2w
            nn.Linear(2 * w, w), nn.LeakyReLU(0.2),      // -> w
            nn.Linear(w, 1));                            // -> a logit (or a critic score)
        RegisterComponents();
    }

    /// <summary>Scores images (N x C x H x W), one raw value per image (N).</summary>
    public override Tensor forward(Tensor images) => _layers.forward(images.flatten(1)).view(-1);
}
