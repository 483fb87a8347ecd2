using Adversa.Losses;
using static TorchSharp.torch;

namespace Adversa.Tests.Losses;

public sealed class LossTests
{
    [Fact]
    public void Wasserstein_critic_loss_is_mean_fake_minus_mean_real()
    {
        var loss = new WassersteinLoss();
        using var real = tensor(new[] { 1f, 3f });   // mean 2
        using var fake = tensor(new[] { -1f, 0f });  // mean -0.5
        Assert.Equal(-2.5f, loss.CriticLoss(real, fake).item<float>(), 5);
        Assert.Equal(0.5f, loss.GeneratorLoss(fake).item<float>(), 5);
    }

    [Fact]
    public void Non_saturating_loss_matches_cross_entropy_by_hand()
    {
        var loss = new NonSaturatingLoss();
        using var zero = tensor(new[] { 0f, 0f });
        // At logit 0, D = 1/2: each term is log 2.
        Assert.Equal(2 * MathF.Log(2), loss.CriticLoss(zero, zero).item<float>(), 5);
        Assert.Equal(MathF.Log(2), loss.GeneratorLoss(zero).item<float>(), 5);
        // -log sigmoid(x) = log(1 + e^-x); -log(1 - sigmoid(x)) = log(1 + e^x).
        using var real = tensor(new[] { 2f });
        using var fake = tensor(new[] { -1f });
        var expected = MathF.Log(1 + MathF.Exp(-2)) + MathF.Log(1 + MathF.Exp(-1));
        Assert.Equal(expected, loss.CriticLoss(real, fake).item<float>(), 5);
        Assert.Equal(MathF.Log(1 + MathF.Exp(1)), loss.GeneratorLoss(fake).item<float>(), 5);
    }

    [Fact]
    public void Gradient_penalty_of_a_linear_critic_is_lambda_times_norm_minus_one_squared()
    {
        // C(x) = 3 x0 + 4 x1 + 1: its gradient is (3, 4) everywhere, norm 5, so the penalty is 10 * (5 - 1)^2 = 160.
        using var critic = LinearCritic.With([3f, 4f], bias: 1);
        using var real = randn(5, 2);
        using var fake = randn(5, 2);
        var penalty = new GradientPenalty(10).Penalty(critic, real, fake);
        Assert.Equal(16f, penalty.Raw.item<float>(), 4);
        Assert.Equal(160f, penalty.Weighted.item<float>(), 3);

        // d/dw 10 (|w| - 1)^2 = 10 * 2 (|w| - 1) w / |w| = (48, 64): the penalty backpropagates into the critic.
        penalty.Weighted.backward();
        var gradient = LinearCritic.WeightGradient(critic);
        Assert.Equal(48f, gradient[0], 3);
        Assert.Equal(64f, gradient[1], 3);
    }

    [Fact]
    public void Gradient_penalty_per_channel_takes_one_norm_per_channel_as_seed_003_does()
    {
        // Images of 2 channels x 2 x 2 pixels through C(x) = w . flatten(x): the gradient is w, channel 0 all 1 (norm 2),
        // channel 1 all 0.5 (norm 1). Per channel: ((2 - 1)^2 + (1 - 1)^2) / 2 = 0.5; per sample: (sqrt(5) - 1)^2.
        using var linear = LinearCritic.With([1f, 1f, 1f, 1f, 0.5f, 0.5f, 0.5f, 0.5f]);
        using var critic = nn.Sequential(nn.Flatten(), linear);
        using var real = randn(3, 2, 2, 2);
        using var fake = randn(3, 2, 2, 2);
        Assert.Equal(0.5f, new GradientPenalty(10, GradientNormScope.Channel).Penalty(critic, real, fake).Raw.item<float>(), 4);
        Assert.Equal(MathF.Pow(MathF.Sqrt(5) - 1, 2), new GradientPenalty(10).Penalty(critic, real, fake).Raw.item<float>(), 4);
    }

    [Fact]
    public void Gradient_penalty_vanishes_for_a_unit_gradient()
    {
        using var critic = LinearCritic.With([0.6f, 0.8f]);
        var penalty = new GradientPenalty(10).Penalty(critic, randn(3, 2), randn(3, 2));
        Assert.Equal(0f, penalty.Weighted.item<float>(), 5);
    }

    [Fact]
    public void Weight_clipping_bounds_every_critic_weight()
    {
        using var critic = nn.Linear(4, 3);
        using (no_grad())
            foreach (var p in critic.parameters())
                p.mul_(100);
        new WeightClipping(0.01).AfterCriticStep(critic);
        foreach (var p in critic.parameters())
            Assert.True(p.abs().max().item<float>() <= 0.01f + 1e-7f);
        Assert.Null(new WeightClipping(0.01).Penalty(critic, zeros(1, 4), zeros(1, 4)));
    }
}
