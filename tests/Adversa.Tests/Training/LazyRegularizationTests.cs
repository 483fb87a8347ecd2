using Adversa.Losses;
using Adversa.Tests.Losses;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class LazyRegularizationTests
{
    // C(x) = w . x: the gradient penalty's input gradient is w everywhere, so its raw value is (||w|| - 1)^2 and its
    // gradient in w is 2 (||w|| - 1) w / ||w||, whatever the images. With a loss that is zero, a critic update moves w
    // by the penalty alone: SGD at lr 0.001, lambda 10.
    [Fact]
    public void The_penalty_falls_on_every_kth_critic_update_at_k_times_its_weight()
    {
        using var components = Components(criticWeights: [3, 4]);
        var step = new GanStep(components, criticSteps: 1, regularizerEvery: 2);

        // Update 0: ||w|| = 5, raw (5 - 1)^2 = 16, gradient 2 * 4 * (3, 4) / 5 = (4.8, 6.4), applied twice over:
        // w = (3, 4) - 0.001 * 2 * 10 * (4.8, 6.4) = (2.904, 3.872); the critic minimised 0 + 2 * 10 * 16.
        var first = Run(step);
        Assert.Equal(16, Penalty(first)!.Value, 4);
        Assert.Equal(320, first.CriticLoss, 3);
        AssertWeights(components, 2.904f, 3.872f);

        // Update 1: no penalty, nothing logged, w unchanged (the loss has no gradient).
        var second = Run(step);
        Assert.Null(Penalty(second));
        Assert.Equal(0, second.CriticLoss, 6);
        AssertWeights(components, 2.904f, 3.872f);

        // Update 2: ||w|| = 4.84, raw 3.84^2 = 14.7456, gradient 2 * 3.84 * (0.6, 0.8) = (4.608, 6.144):
        // w = (2.904, 3.872) - 0.02 * (4.608, 6.144) = (2.81184, 3.74912).
        var third = Run(step);
        Assert.Equal(14.7456, Penalty(third)!.Value, 3);
        AssertWeights(components, 2.81184f, 3.74912f);
        Assert.Equal(3, step.CriticUpdates);
    }

    [Fact]
    public void A_step_logs_the_penalty_of_whichever_of_its_critic_updates_computed_it()
    {
        using var components = Components(criticWeights: [3, 4]);
        var step = new GanStep(components, criticSteps: 2, regularizerEvery: 4);

        // Updates 0 and 1: the first is penalised at 4 times lambda, w = (3, 4) - 0.001 * 40 * (4.8, 6.4) = (2.808, 3.744);
        // the step logs that update's penalty although its own last update (whose loss it reports) had none.
        var first = Run(step);
        Assert.Equal(16, Penalty(first)!.Value, 4);
        Assert.Equal(0, first.CriticLoss, 6);
        AssertWeights(components, 2.808f, 3.744f);

        // Updates 2 and 3: none. Update 4: ||w|| = 4.68, raw 3.68^2 = 13.5424.
        Assert.Null(Penalty(Run(step)));
        Assert.Equal(13.5424, Penalty(Run(step))!.Value, 3);
    }

    [Fact]
    public void A_step_that_goes_on_from_a_count_of_updates_penalises_where_that_count_says()
    {
        using var components = Components(criticWeights: [3, 4]);
        var step = new GanStep(components, criticSteps: 1, regularizerEvery: 2) { CriticUpdates = 5 };
        Assert.Null(Penalty(Run(step)));
        AssertWeights(components, 3, 4);
        Assert.Equal(16, Penalty(Run(step))!.Value, 4);
    }

    [Fact]
    public void A_count_that_is_not_positive_is_refused_with_the_key_named()
    {
        using var components = Components(criticWeights: [3, 4]);
        var error = Assert.Throws<Adversa.Runtime.InvalidInputException>(() => new GanStep(components, regularizerEvery: 0));
        Assert.Contains("regularizer_every", error.Message);
    }

    private static GanComponents Components(float[] criticWeights)
    {
        manual_seed(7);
        var critic = LinearCritic.With(criticWeights);
        var generator = nn.Linear(1, 2);
        return new GanComponents(generator, critic, new LatentSampler(LatentDistribution.Normal, 1),
            new ZeroLoss(), new GradientPenalty(10), criticOptimizer: optim.SGD(critic.parameters(), 0.001));
    }

    private static StepResult Run(GanStep step)
    {
        using var real = tensor(new float[,] { { 1, 0 }, { 0, 1 }, { -1, 2 } });
        return step.Run(() => real);
    }

    private static double? Penalty(StepResult result) =>
        result.Scalars.Where(s => s.Name == "gp").Select(s => (double?)s.Value).SingleOrDefault();

    private static void AssertWeights(GanComponents components, float first, float second)
    {
        var weights = components.Critic.parameters().First().data<float>().ToArray();
        Assert.Equal(first, weights[0], 4);
        Assert.Equal(second, weights[1], 4);
    }

    // Scores that change nothing: every gradient the critic gets is the penalty's.
    private sealed class ZeroLoss : IAdversarialLoss
    {
        public string Name => "zero";
        public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => (realScores.sum() + fakeScores.sum()) * 0;
        public Tensor GeneratorLoss(Tensor fakeScores) => fakeScores.sum() * 0;
    }
}
