using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="DcganGenerator"/>.</summary>
/// <param name="LatentDim">Length of z (seed 000: 512 for faces, 100 for Fashion-MNIST).</param>
/// <param name="ImageChannels">Channels of the generated image.</param>
/// <param name="Width">Channels of the last hidden layer; the others are 2x, 4x and 8x it (seed 000: 128, so 1024 first).</param>
/// <param name="NegativeSlope">LeakyReLU slope (tf.nn.leaky_relu's default, 0.2).</param>
/// <param name="Condition">When given, every batch norm is conditional on its classes (see <see cref="ClassConditionalGenerator"/>).</param>
public sealed record DcganGeneratorOptions(int LatentDim, int ImageChannels, int Width = 128, double NegativeSlope = 0.2, ClassCondition? Condition = null);

/// <summary>The 64x64 DCGAN generator of seed 000: z -> 4x4 -> 8x8 -> 16x16 -> 32x32 -> 64x64, tanh output.</summary>
public sealed class DcganGenerator : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Sequential _layers;
    private readonly int _latentDim;

    /// <summary>Builds the network from its options.</summary>
    public DcganGenerator(DcganGeneratorOptions options) : base(nameof(DcganGenerator))
    {
        var w = options.Width;
        var slope = options.NegativeSlope;
        var condition = options.Condition;
        _latentDim = options.LatentDim;
        _layers = nn.Sequential(
            // z as latent x 1 x 1 -> (8w) x 4 x 4 (TF "valid")
            Convolutions.ConvTranspose2d(options.LatentDim, 8 * w, 4, stride: 1, padding: 0), ConditionalBatchNorm.Create(8 * w, spatial: true, condition), nn.LeakyReLU(slope),
            // -> (4w) x 8 x 8 (TF "same" with k4 s2 is padding 1)
            Convolutions.ConvTranspose2d(8 * w, 4 * w, 4, stride: 2, padding: 1), ConditionalBatchNorm.Create(4 * w, spatial: true, condition), nn.LeakyReLU(slope),
            // -> (2w) x 16 x 16
            Convolutions.ConvTranspose2d(4 * w, 2 * w, 4, stride: 2, padding: 1), ConditionalBatchNorm.Create(2 * w, spatial: true, condition), nn.LeakyReLU(slope),
            // -> w x 32 x 32
            Convolutions.ConvTranspose2d(2 * w, w, 4, stride: 2, padding: 1), ConditionalBatchNorm.Create(w, spatial: true, condition), nn.LeakyReLU(slope),
            // -> channels x 64 x 64
            Convolutions.ConvTranspose2d(w, options.ImageChannels, 4, stride: 2, padding: 1), nn.Tanh());
        RegisterComponents();
    }

    /// <summary>Maps z (N x latent) to images (N x C x 64 x 64) in [-1, 1].</summary>
    public override Tensor forward(Tensor z) => _layers.forward(z.view(-1, _latentDim, 1, 1));

    string IOnnxExportable.AddTo(OnnxGraph graph, string z) => graph.Add(_layers, graph.Reshape(z, _latentDim, 1, 1));
}
