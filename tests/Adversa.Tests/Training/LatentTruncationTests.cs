using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class LatentTruncationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // 200,000 components: the standard error of a variance near 0.3 is about 0.0005.
    private static Tensor Draw(LatentSampler sampler, long seed = 7)
    {
        using var random = new Generator((ulong)seed);
        return sampler.Sample(2_000, CPU, random);
    }

    [Theory]
    // Normal z cut to [-t, t]: variance 1 - 2 t phi(t) / (2 Phi(t) - 1), with phi(1) = 0.2419707, Phi(1) = 0.8413447
    // (1 - 0.4839414 / 0.6826895 = 0.291120) and phi(2) = 0.0539910, Phi(2) = 0.9772499 (1 - 0.2159639 / 0.9544997 = 0.773741).
    [InlineData(1.0, 0.291120)]
    [InlineData(2.0, 0.773741)]
    public void Normal_z_is_cut_to_the_threshold_with_the_truncated_normal_variance(double threshold, double variance)
    {
        using var z = Draw(new LatentSampler(LatentDistribution.Normal, 100) { Truncation = threshold });
        Assert.Equal(ScalarType.Float32, z.dtype);
        Assert.Equal([2_000L, 100L], z.shape);
        Assert.True(z.abs().max().item<float>() <= threshold);
        Assert.True(z.abs().max().item<float>() > threshold * 0.999); // the whole interval is drawn, up to its ends
        Assert.InRange(z.mean().item<float>(), -0.005, 0.005);
        Assert.InRange(z.var().item<float>(), variance - 0.005, variance + 0.005);
    }

    [Fact]
    public void Uniform_z_is_scaled_into_the_threshold_and_a_threshold_past_its_range_leaves_it_whole()
    {
        using var cut = Draw(new LatentSampler(LatentDistribution.Uniform, 100) { Truncation = 0.5 });
        Assert.True(cut.abs().max().item<float>() <= 0.5);
        Assert.InRange(cut.var().item<float>(), 1.0 / 12 - 0.002, 1.0 / 12 + 0.002); // U(-0.5, 0.5): 1/12
        using var whole = Draw(new LatentSampler(LatentDistribution.Uniform, 100));
        using var wide = Draw(new LatentSampler(LatentDistribution.Uniform, 100) { Truncation = 3 });
        Assert.True(wide.equal(whole).all().item<bool>());
    }

    [Fact]
    public void A_conditional_batch_keeps_its_classes_and_the_same_seed_draws_the_same_z()
    {
        var sampler = new LatentSampler(LatentDistribution.Normal, 4, Classes: 3) { Truncation = 0.5 };
        using var labels = tensor(new long[] { 2, 0, 1, 2 });
        using var first = new Generator(11);
        using var second = new Generator(11);
        using var a = sampler.Sample(4, CPU, first, labels);
        using var b = sampler.Sample(4, CPU, second, labels);
        Assert.True(a.equal(b).all().item<bool>());
        Assert.True(a.narrow(1, 0, 4).abs().max().item<float>() <= 0.5);
        Assert.Equal([2L, 0, 1, 2], sampler.LabelsOf(a).data<long>().ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler with { Truncation = 0 });
    }

    [Fact]
    public void A_trained_generator_samples_from_truncated_z_once_told_and_refuses_a_threshold_of_zero_naming_it()
    {
        var run = TinyRuns.TrainInto(TinyRuns.Shapes(epochs: 1), _temp.File("run"));
        using var generator = TrainedGenerator.Load(run);
        using var whole = generator.Latents(500, seed: 3);
        Assert.True(whole.abs().max().item<float>() > 2); // 4,000 normal values: some beyond 2 (all within: p = 0.9545^4000)
        generator.Truncation = 0.7;
        using var cut = generator.Latents(500, seed: 3);
        Assert.True(cut.abs().max().item<float>() <= 0.7);
        using var batches = cat(generator.SampleBatches(6, seed: 3, batchSize: 4).ToArray(), 0);
        Assert.Equal(6, batches.shape[0]);
        var refused = Assert.Throws<InvalidInputException>(() => generator.Truncation = 0);
        Assert.Equal("truncation 0: must be positive (z cut to [-t, t]; about 0.5 to 2 is useful)", refused.Message);
        Assert.Equal(0.7, generator.Truncation);
        generator.Truncation = null;
        using var again = generator.Latents(500, seed: 3);
        Assert.True(again.equal(whole).all().item<bool>());
    }

    public void Dispose() => _temp.Dispose();
}
