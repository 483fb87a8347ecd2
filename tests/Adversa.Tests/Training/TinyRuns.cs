using Adversa.Models;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

/// <summary>Configurations small enough to train in a second or two.</summary>
public static class TinyRuns
{
    public static TrainingConfig Shapes(int epochs, int iterations = 3) => PresetCatalog.Get("wgan-gp-shapes").Config with
    {
        GeneratorWidth = 2,
        CriticWidth = 2,
        LatentDim = 8,
        BatchSize = 4,
        IterationsPerEpoch = iterations,
        Epochs = epochs,
        SampleCount = 4,
        Seed = 5,
    };

    /// <summary>Trains <paramref name="config"/> to its end in the run directory <paramref name="directory"/>, which it returns.</summary>
    public static string TrainInto(TrainingConfig config, string directory)
    {
        using var trainer = TrainingRun.Start(config, directory);
        trainer.Train();
        return directory;
    }

    /// <summary>The <c>--set</c> arguments that give the same configuration on the command line.</summary>
    public static string[] ShapesArguments(int epochs, int iterations = 3) =>
    [
        "--epochs", $"{epochs}", "--iterations", $"{iterations}", "--batch-size", "4", "--seed", "5",
        "--set", "generator_width=2", "--set", "critic_width=2", "--set", "latent_dim=8", "--set", "sample_count=4",
    ];

    /// <summary>
    /// Each image's highest score, computed by hand, from the critic of the run in <paramref name="directory"/> loaded
    /// from its checkpoint and told in turn each of the <paramref name="candidates"/> condition tensors
    /// <paramref name="conditionsOf"/> gives: what <c>TrainedCritic.Score</c> should give when it takes the best cluster.
    /// </summary>
    public static double[] BestScoresByHand(string directory, Tensor images, int candidates, Func<int, Tensor> conditionsOf)
    {
        var checkpoint = TrainingCheckpoint.ReadRun(directory);
        using var critic = NetworkFactory.CreateCritic(checkpoint.Config);
        checkpoint.LoadCritic(critic);
        critic.eval();
        var conditional = ClassConditionalCritics.Of(critic) ?? throw new InvalidOperationException("the run's critic takes no conditions");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var best = full(images.shape[0], double.NegativeInfinity, ScalarType.Float64);
        for (var candidate = 0; candidate < candidates; candidate++)
            using (conditional.Condition(conditionsOf(candidate)))
                best = maximum(best, critic.forward(images).view(-1).to_type(ScalarType.Float64));
        return best.data<double>().ToArray();
    }

    /// <summary>The two runs' losses.csv hold the same iterations with the same losses (to 1e-4: a resumed run reloads float32 state).</summary>
    public static void AssertSameLosses(string expectedRun, string actualRun)
    {
        var expected = LossLog.Read(new RunLayout(expectedRun).LossesCsvPath);
        var actual = LossLog.Read(new RunLayout(actualRun).LossesCsvPath);
        Assert.Equal(expected.Select(r => r.Iteration), actual.Select(r => r.Iteration));
        foreach (var (a, b) in expected.Zip(actual))
        {
            Assert.Equal(a.CriticLoss, b.CriticLoss, 1e-4);
            Assert.Equal(a.GeneratorLoss, b.GeneratorLoss, 1e-4);
        }
    }
}
