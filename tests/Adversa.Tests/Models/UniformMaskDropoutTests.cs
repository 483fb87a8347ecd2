using Adversa.Models;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

public sealed class UniformMaskDropoutTests
{
    [Fact]
    public void In_training_it_keeps_each_value_with_probability_one_minus_p_and_scales_the_kept_ones()
    {
        manual_seed(5);
        using var dropout = new UniformMaskDropout(0.3);
        dropout.train();
        using var input = (rand(1_000_000) + 1).requires_grad_(true); // never 0, so a zero output is a dropped value
        using var output = dropout.forward(input);
        using var kept = output.ne(0);
        // 1,000,000 draws at 0.7: the standard deviation of the kept fraction is sqrt(0.7 * 0.3 / 1e6) = 0.00046.
        var keptFraction = kept.to(ScalarType.Float64).mean().item<double>();
        Assert.InRange(keptFraction, 0.7 - 5 * 0.00046, 0.7 + 5 * 0.00046);
        using var ratio = output.masked_select(kept) / input.detach().masked_select(kept);
        Assert.Equal(1 / 0.7, ratio.min().item<float>(), 5);
        Assert.Equal(1 / 0.7, ratio.max().item<float>(), 5);

        // The gradient is the same mask and scale: 1/0.7 where kept, 0 where dropped.
        output.sum().backward();
        using var expectedGradient = kept.to(ScalarType.Float32) / 0.7f;
        Assert.True(input.grad!.allclose(expectedGradient));
    }

    [Fact]
    public void In_evaluation_and_at_p_zero_it_is_the_identity_and_at_p_one_it_drops_everything()
    {
        using var input = rand(64) + 1;
        using var dropout = new UniformMaskDropout(0.3);
        dropout.eval();
        Assert.True(dropout.forward(input).allclose(input, rtol: 0, atol: 0));
        using var none = new UniformMaskDropout(0);
        none.train();
        Assert.True(none.forward(input).allclose(input, rtol: 0, atol: 0));
        using var all = new UniformMaskDropout(1);
        all.train();
        Assert.Equal(0, all.forward(input).abs().sum().item<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new UniformMaskDropout(1.5));

        // Inside a Sequential, which disposes each layer's input after the next layer ran (the critic's histograms at
        // an epoch's end score in evaluation mode).
        using var chain = nn.Sequential(nn.Linear(64, 8), new UniformMaskDropout(0.3), nn.Linear(8, 2));
        chain.eval();
        Assert.Equal([2], chain.forward(input).shape);
    }

    [Fact]
    public void The_same_seed_draws_the_same_mask()
    {
        using var input = rand(10_000) + 1;
        using var dropout = new UniformMaskDropout(0.3);
        dropout.train();
        manual_seed(9);
        using var first = dropout.forward(input);
        manual_seed(9);
        using var second = dropout.forward(input);
        Assert.True(first.allclose(second, rtol: 0, atol: 0));
    }
}
