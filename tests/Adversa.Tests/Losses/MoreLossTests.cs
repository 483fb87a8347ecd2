using Adversa.Losses;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Losses;

public sealed class MoreLossTests
{
    [Fact]
    public void Minimax_generator_loss_is_log_one_minus_D()
    {
        var loss = new MinimaxLoss();
        // log(1 - sigmoid(x)) = -log(1 + e^x): -log 2 at 0, -log(1 + e) at 1.
        using var fake = tensor(new[] { 0f, 1f });
        Assert.Equal(-(MathF.Log(2) + MathF.Log(1 + MathF.E)) / 2, loss.GeneratorLoss(fake).item<float>(), 5);
        using var zero = tensor(new[] { 0f });
        Assert.Equal(2 * MathF.Log(2), loss.CriticLoss(zero, zero).item<float>(), 5);
    }

    [Fact]
    public void Hinge_loss_matches_hand_computed_margins()
    {
        var loss = new HingeLoss();
        using var real = tensor(new[] { 0.5f, 2f });  // relu(1 - x): 0.5, 0 -> mean 0.25
        using var fake = tensor(new[] { -2f, 0f });   // relu(1 + x): 0, 1 -> mean 0.5
        Assert.Equal(0.75f, loss.CriticLoss(real, fake).item<float>(), 5);
        Assert.Equal(1f, loss.GeneratorLoss(fake).item<float>(), 5);
    }

    [Fact]
    public void Least_squares_loss_matches_hand_computed_squares()
    {
        var loss = new LeastSquaresLoss();
        using var real = tensor(new[] { 1f, 3f });  // (x - 1)^2: 0, 4 -> mean 2 -> half 1
        using var fake = tensor(new[] { 0f, 2f });  // x^2: 0, 4 -> mean 2 -> half 1
        Assert.Equal(2f, loss.CriticLoss(real, fake).item<float>(), 5);
        Assert.Equal(0.5f, loss.GeneratorLoss(fake).item<float>(), 5); // (x - 1)^2: 1, 1 -> mean 1 -> half
    }

    [Fact]
    public void R1_of_a_linear_critic_is_half_gamma_times_the_squared_weight_norm()
    {
        // C(x) = 3 x0 + 4 x1: ||grad||^2 = 25 on every real sample; gamma/2 * 25 = 125 for gamma 10.
        using var critic = LinearCritic.With([3f, 4f]);
        var penalty = new R1Penalty(10).Penalty(critic, randn(4, 2), randn(4, 2));
        Assert.Equal(25f, penalty.Raw.item<float>(), 4);
        Assert.Equal(125f, penalty.Weighted.item<float>(), 3);
        // d/dw gamma/2 |w|^2 = gamma w = (30, 40).
        penalty.Weighted.backward();
        var gradient = LinearCritic.WeightGradient(critic);
        Assert.Equal(30f, gradient[0], 3);
        Assert.Equal(40f, gradient[1], 3);
    }

    [Fact]
    public void R1_gamma_is_a_setting()
    {
        var config = ConfigOverrides.ApplyAssignment(new TrainingConfig { Regularizer = RegularizerKind.R1 }, "r1_gamma=2.5");
        using var components = GanComponents.FromConfig(config with { Generator = Adversa.Models.Architecture.Mlp28, Critic = Adversa.Models.Architecture.Mlp28, ImageSize = 28, GeneratorWidth = 4, CriticWidth = 4 });
        var regularizer = Assert.IsType<R1Penalty>(components.Regularizer);
        Assert.Equal(2.5, regularizer.Gamma);
    }
}
