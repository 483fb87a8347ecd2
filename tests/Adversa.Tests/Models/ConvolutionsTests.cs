using Adversa.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

/// <summary>
/// The guarded convolutions against float64 (computed without oneDNN), at whatever ISA level oneDNN picks on the machine
/// running the tests, for the shapes oneDNN 3.7.1 computes wrongly unguarded (see `adversa bench --part faults`).
/// </summary>
public sealed class ConvolutionsTests
{
    private static double RelativeError(Tensor actual, Tensor exact) =>
        (actual.to(ScalarType.Float64) - exact).abs().max().item<double>() / exact.abs().max().item<double>();

    // The input gradient and the weights' gradient of the gradient penalty's kind (the input gradient's squared norm,
    // differentiated again) of the guarded convolution, in float32, and of libtorch's own in float64 (no oneDNN).
    private static (Tensor Input, Tensor Weight) PenaltyGradients(Tensor x0, Tensor w0, long stride, long padding, bool exact = false)
    {
        var x = (exact ? x0.to(ScalarType.Float64) : x0).detach().requires_grad_(true);
        var w = (exact ? w0.to(ScalarType.Float64) : w0).detach().requires_grad_(true);
        Tensor output;
        using (Convolutions.DifferentiatedTwice())
            output = exact
                ? nn.functional.conv2d(x, w, null, [stride, stride], [padding, padding])
                : Convolutions.Conv2d(x, w, null, [stride, stride], [padding, padding]);
        var inputGradient = autograd.grad([output.square().sum()], [x], retain_graph: true, create_graph: true)[0];
        inputGradient.square().sum().backward();
        return (inputGradient.detach(), w.grad!);
    }

    [Fact]
    public void A_one_channel_scoring_layer_passes_the_right_input_gradient_and_penalty_gradient()
    {
        // The DCGAN critic's last layer: 128 x 4 x 4 features to one score; plain oneDNN gets its backward by data wrong.
        manual_seed(3);
        using var features = randn(4, 128, 4, 4);
        using var weight = randn(1, 128, 4, 4) * 0.05;
        var (input, weightGradient) = PenaltyGradients(features, weight, 1, 0);
        var (exactInput, exactWeight) = PenaltyGradients(features, weight, 1, 0, exact: true);
        Assert.True(RelativeError(input, exactInput) < 1e-4, $"input gradient off by {RelativeError(input, exactInput)}");
        Assert.True(RelativeError(weightGradient, exactWeight) < 1e-4, $"penalty's weight gradient off by {RelativeError(weightGradient, exactWeight)}");
    }

    [Theory]
    [InlineData(16, 8, 32, 1)] // SNGAN's 64x64 critic's shortcut; oneDNN's jit_1x1:avx512_core got its penalty gradient wrong by 37 %
    [InlineData(64, 32, 7, 1)] // the 28x28 SNGAN critic's, wrong by 4 %
    [InlineData(3, 32, 64, 2)] // a residual critic's first shortcut, strided
    public void A_pointwise_convolution_passes_the_right_penalty_gradient(int inChannels, int outChannels, int size, int stride)
    {
        manual_seed(6);
        using var x = randn(4, inChannels, size, size);
        using var weight = randn(outChannels, inChannels, 1, 1) * 0.2;
        var (input, weightGradient) = PenaltyGradients(x, weight, stride, 0);
        var (exactInput, exactWeight) = PenaltyGradients(x, weight, stride, 0, exact: true);
        using var byKernel = Convolutions.Conv2d(x, weight, null, [stride, stride], [0, 0]);
        using var scope = Convolutions.DifferentiatedTwice();
        using var byProduct = Convolutions.Conv2d(x, weight, null, [stride, stride], [0, 0]);
        Assert.Equal(new long[] { 4, outChannels, (size - 1) / stride + 1, (size - 1) / stride + 1 }, byProduct.shape);
        Assert.True(byProduct.is_contiguous()); // NCHW, so that the next convolution does not take it for channels-last
        Assert.True(RelativeError(byProduct, byKernel.to(ScalarType.Float64)) < 1e-5); // oneDNN's forward pass is right
        Assert.True(RelativeError(input, exactInput) < 1e-4, $"input gradient off by {RelativeError(input, exactInput)}");
        Assert.True(RelativeError(weightGradient, exactWeight) < 1e-4, $"penalty's weight gradient off by {RelativeError(weightGradient, exactWeight)}");
    }

    [Fact]
    public void The_penalty_differentiates_a_critics_pointwise_layer_twice_right()
    {
        // CriticInputGradient (the gradient penalty's and R1's) opens DifferentiatedTwice around the critic's pass, so
        // an SNGAN shortcut's 1x1 layer there is not oneDNN's 1x1 kernel, whose second derivative is wrong under AVX-512.
        Tensor WeightGradient(ScalarType type)
        {
            manual_seed(7);
            using var critic = nn.Sequential(Convolutions.Conv2d(16, 8, 1), nn.Tanh(), nn.Flatten());
            critic.to(type);
            using var images = randn(4, 16, 32, 32).to(type);
            Adversa.Losses.CriticInputGradient.SquaredNorms(critic, images).sum().backward();
            return critic.parameters().First().grad!.detach().clone();
        }
        using var weightGradient = WeightGradient(ScalarType.Float32);
        using var exact = WeightGradient(ScalarType.Float64);
        Assert.True(RelativeError(weightGradient, exact) < 1e-4, $"penalty's weight gradient off by {RelativeError(weightGradient, exact)}");
    }

    [Fact]
    public void A_latent_vector_of_100_values_reaches_the_right_feature_maps()
    {
        // Seed 000's WGAN generator's first layer: z of 100 on 1 x 1 to 128 x 4 x 4; plain oneDNN gets even its forward pass wrong.
        manual_seed(4);
        using var z = randn(4, 100, 1, 1);
        using var weight = randn(100, 128, 4, 4) * 0.1;
        using var output = Convolutions.ConvTranspose2d(z, weight, null, [1, 1], [0, 0], [0, 0]);
        using var exact = nn.functional.conv_transpose2d(z.to(ScalarType.Float64), weight.to(ScalarType.Float64), null, [1, 1], [0, 0], [0, 0]);
        Assert.Equal(new long[] { 4, 128, 4, 4 }, output.shape);
        Assert.True(RelativeError(output, exact) < 1e-4);
    }

    [Fact]
    public void Bfloat16_stays_within_its_precision_and_falls_back_to_float32_for_image_layers()
    {
        manual_seed(5);
        using var x = randn(2, 48, 16, 16);
        using var weight = randn(80, 48, 4, 4) * 0.05;
        using var bf16 = Convolutions.Conv2d(x, weight, null, [2, 2], [1, 1], ScalarType.BFloat16);
        using var exact = nn.functional.conv2d(x.to(ScalarType.Float64), weight.to(ScalarType.Float64), null, [2, 2], [1, 1]);
        Assert.Equal(ScalarType.Float32, bf16.dtype);
        var error = RelativeError(bf16, exact);
        Assert.InRange(error, 1e-5, 3e-2); // rounded to bfloat16, but not wrong

        using var image = randn(2, 3, 16, 16);
        using var first = randn(16, 3, 4, 4) * 0.1;
        using var fromImage = Convolutions.Conv2d(image, first, null, [2, 2], [1, 1], ScalarType.BFloat16);
        using var fromImageExact = nn.functional.conv2d(image.to(ScalarType.Float64), first.to(ScalarType.Float64), null, [2, 2], [1, 1]);
        Assert.True(RelativeError(fromImage, fromImageExact) < 1e-4); // three input channels: computed in float32
    }

    [Fact]
    public void Guarded_layers_keep_torchsharps_parameter_names_shapes_and_initialisation()
    {
        manual_seed(6);
        using var plain = nn.Conv2d(100, 1, 4, stride: 1, padding: 0L);
        manual_seed(6);
        using var guarded = Convolutions.Conv2d(100, 1, 4);
        Assert.Equal(plain.state_dict().Keys.Order(), guarded.state_dict().Keys.Order());
        Assert.True(plain.weight!.equal(guarded.weight).all().item<bool>());
        Assert.True(plain.bias!.equal(guarded.bias!).all().item<bool>());
        manual_seed(7);
        using var transposed = Convolutions.ConvTranspose2d(100, 128, 4, outputPadding: 0, bias: false);
        Assert.Equal(["weight"], transposed.state_dict().Keys);
        Assert.Equal(new long[] { 100, 128, 4, 4 }, transposed.weight.shape);
    }
}
