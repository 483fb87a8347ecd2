using Adversa.Models;
using Adversa.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

public sealed class SnganNetworkTests
{
    // One channel in and out: 3x3 kernels that are 0 but for their centre, so each convolution is a per-pixel product.
    private static void SetCentres(nn.Module module, IReadOnlyDictionary<string, float> weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            parameter.zero_();
            if (name.EndsWith(".weight", StringComparison.Ordinal) && weights.TryGetValue(name[..^".weight".Length], out var value))
                parameter[.., .., parameter.shape[2] / 2, parameter.shape[3] / 2] = value;
        }
    }

    [Fact]
    public void A_critic_block_adds_the_pooled_residual_to_the_pooled_shortcut_and_only_later_blocks_start_with_relu()
    {
        using var image = tensor(new float[] { 1, -2, 3, 4 }).view(1, 1, 2, 2);
        var weights = new Dictionary<string, float> { ["_conv1"] = -1, ["_conv2"] = 1, ["_shortcut"] = 2 };
        using var later = new SnganCriticBlock(1, 1, downsample: true, first: false, layer => layer);
        SetCentres(later, weights);
        // relu(x) = [1, 0, 3, 4]; conv1 gives [-1, 0, -3, -4], relu 0, so the residual is 0; the shortcut 2 * mean(x) = 2 * 1.5.
        Assert.Equal(3f, later.forward(image).item<float>(), 5);
        using var first = new SnganCriticBlock(1, 1, downsample: true, first: true, layer => layer);
        SetCentres(first, weights);
        // conv1(x) = [-1, 2, -3, -4], relu [0, 2, 0, 0], conv2 the same, pooled 0.5; plus the shortcut's 3.
        Assert.Equal(3.5f, first.forward(image).item<float>(), 5);
        // A block that keeps channels and size has the identity as its shortcut (no parameters of its own).
        using var keeping = new SnganCriticBlock(4, 4, downsample: false, first: false, layer => layer);
        Assert.DoesNotContain(keeping.named_parameters(), p => p.name.StartsWith("_shortcut", StringComparison.Ordinal));
    }

    [Fact]
    public void A_generator_block_upsamples_by_repeating_pixels_after_batch_norm_and_relu()
    {
        using var block = new SnganGeneratorBlock(1, 1, condition: null);
        SetCentres(block, new Dictionary<string, float> { ["_conv1"] = 1, ["_conv2"] = 1, ["_shortcut"] = 3 });
        using (no_grad())
            foreach (var (name, parameter) in block.named_parameters())
                if (name.StartsWith("_norm", StringComparison.Ordinal) && name.EndsWith(".weight", StringComparison.Ordinal))
                    parameter.fill_(1);
        block.eval(); // running mean 0 and variance 1: batch norm divides by sqrt(1 + 1e-5)
        using var x = tensor(new float[] { 2, -2 }).view(2, 1, 1, 1);
        using var y = block.forward(x);
        Assert.Equal(new long[] { 2, 1, 2, 2 }, y.shape);
        var scale = 1 / (1 + 1e-5);
        // Image 0: the residual 2 / sqrt(1 + eps) twice normalised, plus the shortcut 3 * 2, at all four pixels.
        Assert.All(y[0].flatten().data<float>().ToArray(), value => Assert.Equal(2 * scale + 6, value, 4));
        // Image 1: relu stops the residual; the shortcut -6 passes.
        Assert.All(y[1].flatten().data<float>().ToArray(), value => Assert.Equal(-6, value, 4));
    }

    [Fact]
    public void The_critic_scores_its_features_summed_over_positions_through_one_dense_layer()
    {
        using var critic = new SnganCritic(new SnganCriticOptions(ImageChannels: 1, ImageSize: 28, Width: 2));
        using var features = critic.Features(randn(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 8, 7, 7 }, features.shape); // 2 -> 4 (14x14) -> 8 kept at 7x7
        using (no_grad())
            foreach (var (name, parameter) in critic.named_parameters())
                if (name.StartsWith("_toScore", StringComparison.Ordinal))
                    parameter.fill_(name.EndsWith("bias", StringComparison.Ordinal) ? 1 : 0.5);
        // Every feature 1: 8 channels of 49 positions, each sum 49, times 0.5, plus 1.
        using var scores = critic.ScoreFeatures(ones(2, 8, 7, 7));
        Assert.Equal(new float[] { 8 * 49 * 0.5f + 1, 8 * 49 * 0.5f + 1 }, scores.data<float>().ToArray());
    }

    [Theory]
    [InlineData(28, 2, 7, 16)]  // width 4 at 28x28, twice per block back to 7x7: 16
    [InlineData(64, 4, 4, 64)]  // back to 4x4: 64
    public void The_generator_starts_from_a_map_as_wide_as_its_blocks_double_the_width(int size, int blocks, int first, int channels)
    {
        using var generator = new SnganGenerator(new SnganGeneratorOptions(LatentDim: 5, ImageChannels: 3, ImageSize: size, Width: 4));
        var project = generator.named_parameters().Single(p => p.name == "_project.weight").parameter;
        Assert.Equal(new long[] { channels * first * first, 5 }, project.shape);
        Assert.Equal(blocks, generator.modules().OfType<SnganGeneratorBlock>().Count());
        using var images = generator.forward(randn(2, 5));
        Assert.Equal(new long[] { 2, 3, size, size }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1);
    }

    [Fact]
    public void Conditional_sngan_generators_have_conditional_batch_norm_everywhere()
    {
        var config = new TrainingConfig { Generator = Architecture.Sngan28, Critic = Architecture.Sngan28, ImageSize = 28, ImageChannels = 1, GeneratorWidth = 2, LatentDim = 4, Condition = Conditioning.Projection, Classes = 3 };
        using var generator = NetworkFactory.CreateGenerator(config);
        Assert.Equal(5, generator.modules().Count(m => m is ConditionalBatchNorm)); // two per block, one before the image
        // Each conditional layer holds one batch norm without a gain of its own; there are no others.
        Assert.Equal(5, generator.modules().Count(m => m is TorchSharp.Modules.BatchNorm2d));
    }

    [Fact]
    public void Other_image_sizes_are_refused_naming_the_sizes_it_makes()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SnganGenerator(new SnganGeneratorOptions(ImageSize: 32)));
        Assert.Contains("28x28 or 64x64", error.Message);
    }
}
