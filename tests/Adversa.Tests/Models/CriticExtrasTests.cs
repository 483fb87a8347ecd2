using Adversa.Models;
using Adversa.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

public sealed class SpectralNormTests
{
    private static Linear LinearWith(float[,] weight)
    {
        var layer = nn.Linear(weight.GetLength(1), weight.GetLength(0));
        using (no_grad())
        {
            layer.weight!.copy_(tensor(weight));
            layer.bias!.zero_();
        }
        return layer;
    }

    [Fact]
    public void Power_iteration_finds_the_largest_singular_value_and_the_layer_uses_w_over_sigma()
    {
        // [[0, 3], [4, 0]] has singular values 4 and 3; power iteration converges like (3/4)^(2k).
        using var normalized = new SpectralNorm(LinearWith(new float[,] { { 0, 3 }, { 4, 0 } }));
        using var x = tensor(new float[,] { { 1, 2 } });
        for (var i = 0; i < 60; i++)
            normalized.forward(x).Dispose();
        Assert.Equal(4.0, normalized.Sigma(), 4);

        normalized.eval();
        using var y = normalized.forward(x);
        // (W / 4) x = [[0, 0.75], [1, 0]] (1, 2) = (1.5, 1)
        Assert.Equal(new[] { 1.5f, 1f }, y.data<float>().ToArray());
    }

    [Fact]
    public void A_convolution_is_normalised_by_the_largest_singular_value_of_its_reshaped_weight()
    {
        torch.manual_seed(3);
        var conv = nn.Conv2d(3, 4, 3, stride: 1, padding: 1L);
        using var normalized = new SpectralNorm(conv, powerIterations: 5);
        using var input = randn(2, 3, 5, 5);
        for (var i = 0; i < 40; i++)
            normalized.forward(input).Dispose();
        using var singularValues = linalg.svdvals(conv.weight!.detach().flatten(1));
        var largest = singularValues.max().item<float>();
        Assert.Equal(largest, normalized.Sigma(), 3);

        normalized.eval();
        using var output = normalized.forward(input);
        using var expected = nn.functional.conv2d(input, conv.weight!.detach() / largest, conv.bias!.detach(), padding: [1, 1]);
        Assert.True(output.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void Inference_mode_leaves_the_singular_vectors_alone_and_training_mode_refines_them()
    {
        using var normalized = new SpectralNorm(LinearWith(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }));
        using var x = ones(1, 2);
        normalized.eval();
        using var before = normalized.get_buffer("u")!.clone();
        normalized.forward(x).Dispose();
        Assert.True(before.equal(normalized.get_buffer("u")!).all().item<bool>());
        normalized.train();
        normalized.forward(x).Dispose();
        Assert.False(before.equal(normalized.get_buffer("u")!).all().item<bool>());
    }

    [Fact]
    public void Gradients_reach_the_raw_weight_through_sigma()
    {
        // A 1x1 weight w: sigma = |w|, so the output x * w / |w| does not depend on w, and d(out)/dw = x/|w| - x w/|w|^2 = 0.
        using var normalized = new SpectralNorm(LinearWith(new float[,] { { 2 } }));
        using var x = tensor(new float[,] { { 3 } });
        for (var i = 0; i < 3; i++)
            normalized.forward(x).Dispose();
        using var output = normalized.forward(x);
        Assert.Equal(3f, output.item<float>(), 5);
        output.backward();
        var weight = normalized.parameters().First(p => p.dim() == 2);
        Assert.NotNull(weight.grad);
        Assert.Equal(0f, weight.grad!.item<float>(), 5);
    }

    [Fact]
    public void The_singular_vectors_are_saved_with_the_module()
    {
        using var normalized = new SpectralNorm(LinearWith(new float[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Contains("u", normalized.state_dict().Keys);
        Assert.Contains("v", normalized.state_dict().Keys);
        Assert.Contains("layer.weight", normalized.state_dict().Keys);
        Assert.Throws<ArgumentException>(() => new SpectralNorm(nn.ReLU()));
    }
}

public sealed class MinibatchLayerTests
{
    [Fact]
    public void The_minibatch_standard_deviation_is_the_mean_over_features_of_the_batch_deviation()
    {
        // Per-feature population deviations of (0, 0) and (2, 4) are 1 and 2: mean 1.5.
        using var layer = new MinibatchStdDev();
        using var output = layer.forward(tensor(new float[,] { { 0, 0 }, { 2, 4 } }));
        Assert.Equal(new long[] { 2, 3 }, output.shape);
        Assert.Equal(new[] { 0f, 0f, 1.5f, 2f, 4f, 1.5f }, output.data<float>().ToArray());
    }

    [Fact]
    public void On_feature_maps_the_statistic_becomes_a_constant_channel()
    {
        using var layer = new MinibatchStdDev();
        using var maps = randn(4, 3, 5, 5);
        using var output = layer.forward(maps);
        Assert.Equal(new long[] { 4, 4, 5, 5 }, output.shape);
        var expected = maps.flatten(1).std(0, unbiased: false).mean().item<float>();
        using var extra = output[.., 3];
        Assert.Equal(expected, extra.min().item<float>(), 4);
        Assert.Equal(expected, extra.max().item<float>(), 4);
        Assert.True(output[.., ..3].equal(maps).all().item<bool>());
    }

    [Fact]
    public void Minibatch_discrimination_sums_exp_of_minus_l1_distances_to_the_other_images()
    {
        // T = identity (A = 2, B = 1 kernel, C = 2): M rows are the features themselves.
        using var layer = new MinibatchDiscrimination(features: 2, kernels: 1, kernelDim: 2);
        using (no_grad())
            layer.Projection.copy_(eye(2));
        // L1 distances: d(1,2) = 3, d(1,3) = 1, d(2,3) = 2.
        using var output = layer.forward(tensor(new float[,] { { 0, 0 }, { 1, 2 }, { 0, 1 } }));
        Assert.Equal(new long[] { 3, 3 }, output.shape);
        var statistic = output[.., 2].data<float>().ToArray();
        Assert.Equal(MathF.Exp(-3) + MathF.Exp(-1), statistic[0], 5);
        Assert.Equal(MathF.Exp(-3) + MathF.Exp(-2), statistic[1], 5);
        Assert.Equal(MathF.Exp(-1) + MathF.Exp(-2), statistic[2], 5);
    }

    [Fact]
    public void Minibatch_discrimination_on_feature_maps_adds_one_channel_per_kernel_and_learns_its_projection()
    {
        using var layer = new MinibatchDiscrimination(features: 2 * 3 * 3, kernels: 7, kernelDim: 4);
        using var output = layer.forward(randn(5, 2, 3, 3));
        Assert.Equal(new long[] { 5, 9, 3, 3 }, output.shape);
        output.sum().backward();
        Assert.NotNull(layer.Projection.grad);
        Assert.True(layer.Projection.grad!.abs().sum().item<float>() > 0);
    }
}

public sealed class CriticArchitectureTests
{
    public static TheoryData<Architecture, BatchStatistics, bool> Variants()
    {
        var data = new TheoryData<Architecture, BatchStatistics, bool>();
        foreach (var critic in Enum.GetValues<Architecture>())
            foreach (var statistics in Enum.GetValues<BatchStatistics>())
                data.Add(critic, statistics, statistics == BatchStatistics.Discrimination);
        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_critic_takes_spectral_norm_and_a_minibatch_layer(Architecture architecture, BatchStatistics statistics, bool spectralNorm)
    {
        var size = Architectures.ImageSize(architecture);
        var config = new TrainingConfig
        {
            Critic = architecture, Generator = architecture, ImageSize = size, ImageChannels = 1, CriticWidth = 4, CriticNorm = Normalization.None,
            CriticBatchStatistics = statistics, CriticSpectralNorm = spectralNorm, MinibatchKernels = 6, MinibatchKernelDim = 3,
        };
        using var critic = NetworkFactory.CreateCritic(config);
        critic.eval();
        using var images = randn(3, 1, size, size);
        using var scores = critic.forward(images);
        Assert.Equal(new long[] { 3 }, scores.shape);
        using var features = critic.Features(images);
        Assert.Equal(3, features.shape[0]);
        using var again = critic.ScoreFeatures(features);
        Assert.True(scores.allclose(again, rtol: 1e-5, atol: 1e-6));

        var wrapped = critic.modules().OfType<SpectralNorm>().Count();
        if (spectralNorm)
            Assert.True(wrapped >= 3, $"{wrapped} spectrally normalised layers");
        else
            Assert.Equal(0, wrapped);
        Assert.Equal(statistics == BatchStatistics.StdDev, critic.modules().OfType<MinibatchStdDev>().Any());
        Assert.Equal(statistics == BatchStatistics.Discrimination, critic.modules().OfType<MinibatchDiscrimination>().Any());
    }

    [Fact]
    public void A_minibatch_layer_makes_one_images_score_depend_on_its_batch_mates()
    {
        var config = new TrainingConfig { Critic = Architecture.Mlp28, Generator = Architecture.Mlp28, ImageSize = 28, ImageChannels = 1, CriticWidth = 8, CriticBatchStatistics = BatchStatistics.StdDev };
        using var critic = NetworkFactory.CreateCritic(config);
        using var first = randn(1, 1, 28, 28);
        using var alone = cat([first, first], 0);
        using var mixed = cat([first, randn(1, 1, 28, 28)], 0);
        Assert.NotEqual(critic.forward(alone)[0].item<float>(), critic.forward(mixed)[0].item<float>());
    }
}
