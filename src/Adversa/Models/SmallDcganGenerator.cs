using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Options of <see cref="SmallDcganGenerator"/>.</summary>
/// <param name="LatentDim">Length of z (seed 004: 20).</param>
/// <param name="ImageChannels">Channels of the generated image.</param>
/// <param name="Width">Channels of the 7x7 feature map; halved at each upsampling (seed 004: 128).</param>
/// <param name="NegativeSlope">LeakyReLU slope (Keras' LeakyReLU default, 0.3).</param>
/// <param name="Condition">When given, every batch norm is conditional on its classes (see <see cref="ClassConditionalGenerator"/>).</param>
public sealed record SmallDcganGeneratorOptions(int LatentDim = 20, int ImageChannels = 1, int Width = 128, double NegativeSlope = 0.3, ClassCondition? Condition = null);

/// <summary>The 28x28 DCGAN generator of seed 004: a dense layer to 7x7, two 5x5 stride-2 transposed convolutions, tanh output; no biases before batch norm.</summary>
public sealed class SmallDcganGenerator : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private readonly Sequential _project;
    private readonly Sequential _upsample;
    private readonly int _width;

    /// <summary>Builds the network from its options.</summary>
    public SmallDcganGenerator(SmallDcganGeneratorOptions options) : base(nameof(SmallDcganGenerator))
    {
        var w = options.Width;
        var slope = options.NegativeSlope;
        var condition = options.Condition;
        _width = w;
        // z -> w*7*7 (seed 004: Dense(6272, use_bias=False), BN, LeakyReLU)
        _project = nn.Sequential(nn.Linear(options.LatentDim, w * 7 * 7, hasBias: false), ConditionalBatchNorm.Create(w * 7 * 7, spatial: false, condition), nn.LeakyReLU(slope));
        _upsample = nn.Sequential(
            // w x 7 x 7 -> w x 7 x 7 (k5 s1 "same": padding 2)
            Convolutions.ConvTranspose2d(w, w, 5, stride: 1, padding: 2, bias: false), ConditionalBatchNorm.Create(w, spatial: true, condition), nn.LeakyReLU(slope),
            // -> (w/2) x 14 x 14 (k5 s2 "same": padding 2, output_padding 1)
            Convolutions.ConvTranspose2d(w, w / 2, 5, stride: 2, padding: 2, outputPadding: 1, bias: false), ConditionalBatchNorm.Create(w / 2, spatial: true, condition), nn.LeakyReLU(slope),
            // -> (w/4) x 28 x 28
            Convolutions.ConvTranspose2d(w / 2, w / 4, 5, stride: 2, padding: 2, outputPadding: 1, bias: false), ConditionalBatchNorm.Create(w / 4, spatial: true, condition), nn.LeakyReLU(slope),
            // -> channels x 28 x 28
            Convolutions.ConvTranspose2d(w / 4, options.ImageChannels, 5, stride: 1, padding: 2, bias: false), nn.Tanh());
        RegisterComponents();
    }

    /// <summary>Maps z (N x latent) to images (N x C x 28 x 28) in [-1, 1].</summary>
    public override Tensor forward(Tensor z) => _upsample.forward(_project.forward(z).view(-1, _width, 7, 7));

    string IOnnxExportable.AddTo(OnnxGraph graph, string z) => graph.Add(_upsample, graph.Reshape(graph.Add(_project, z), _width, 7, 7));
}
