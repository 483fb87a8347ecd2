using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="FullyConnectedGenerator"/>.</summary>
/// <param name="LatentDim">Length of z (100 in the common MNIST GAN).</param>
/// <param name="ImageChannels">Channels of the generated image.</param>
/// <param name="ImageSize">Side of the square image.</param>
/// <param name="Width">Units of the first hidden layer; the next have 2x, 4x and 8x (128: 128, 256, 512, 1024).</param>
public sealed record FullyConnectedGeneratorOptions(int LatentDim = 100, int ImageChannels = 1, int ImageSize = 28, int Width = 128);

/// <summary>The plain GAN generator for MNIST (seed 002 names no architecture; this is the common one after Goodfellow et al. 2014): dense layers with LeakyReLU 0.2 and batch norm, tanh output.</summary>
public sealed class FullyConnectedGenerator : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Sequential _layers;
    private readonly long[] _imageShape;

    /// <summary>Builds the network from its options.</summary>
    public FullyConnectedGenerator(FullyConnectedGeneratorOptions options) : base(nameof(FullyConnectedGenerator))
    {
        var w = options.Width;
        _imageShape = [options.ImageChannels, options.ImageSize, options.ImageSize];
        var pixels = _imageShape.Aggregate(1L, (a, b) => a * b);
        _layers = nn.Sequential(
            nn.Linear(options.LatentDim, w), nn.LeakyReLU(0.2),                        // z -> w
            // eps 0.8 as in the widely copied reference (PyTorch-GAN passes 0.8 positionally, where BatchNorm1d takes eps).
            nn.Linear(w, 2 * w), nn.BatchNorm1d(2 * w, eps: 0.8), nn.LeakyReLU(0.2),  // -> 2w
            nn.Linear(2 * w, 4 * w), nn.BatchNorm1d(4 * w, eps: 0.8), nn.LeakyReLU(0.2), // -> 4w
            nn.Linear(4 * w, 8 * w), nn.BatchNorm1d(8 * w, eps: 0.8), nn.LeakyReLU(0.2), // -> 8w
            nn.Linear(8 * w, pixels), nn.Tanh());                                      // -> C*H*W
        RegisterComponents();
    }

    /// <summary>Maps z (N x latent) to images (N x C x H x W) in [-1, 1].</summary>
    public override Tensor forward(Tensor z) => _layers.forward(z).view([-1, .. _imageShape]);

    string IOnnxExportable.AddTo(OnnxGraph graph, string z) => graph.Reshape(graph.Add(_layers, z), _imageShape);
}
