using Adversa.Data;
using Adversa.Losses;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class FaultRecoveryTests
{
    /// <summary>A critic returning NaN on chosen forward calls, as libtorch's faulting kernels do.</summary>
    private sealed class FaultingCritic : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;
        private readonly HashSet<int> _faultingCalls;
        private int _calls;

        public FaultingCritic(nn.Module<Tensor, Tensor> inner, HashSet<int> faultingCalls) : base(nameof(FaultingCritic))
        {
            _inner = inner;
            _faultingCalls = faultingCalls;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var output = _inner.forward(input);
            return _faultingCalls.Contains(++_calls) ? output * float.NaN : output;
        }
    }

    // The tiny shapes run, built from instances as a library user would, with its critic wrapped.
    private static GanTrainer Trainer(HashSet<int> faultingCalls)
    {
        var config = TinyRuns.Shapes(epochs: 1);
        Reproducibility.Seed(config.Seed);
        var generator = NetworkFactory.CreateGenerator(config);
        var critic = new FaultingCritic(NetworkFactory.CreateCritic(config), faultingCalls);
        var components = new GanComponents(generator, critic, new LatentSampler(config.LatentDistribution, config.LatentDim),
            new WassersteinLoss(), new GradientPenalty(config.GpWeight),
            optim.Adam(generator.parameters(), config.GLr, config.GBeta1, config.GBeta2), optim.Adam(critic.parameters(), config.DLr, config.DBeta1, config.DBeta2));
        using var images = ShapesDataset.CreateTrainingSet(config.Seed);
        return new GanTrainer(config, images, components, ownsComponents: true);
    }

    private static (List<LossRecord> Losses, long Retries, float[] Samples) Train(HashSet<int> faultingCalls)
    {
        using var trainer = Trainer(faultingCalls);
        var recorder = new RecordingObserver();
        trainer.Observers.Add(recorder);
        for (var i = 0; i < 4; i++)
            trainer.TrainIteration();
        // Eval-mode samples read the generator's batch-norm running statistics, which failed attempts also touch.
        using var samples = trainer.SampleFixedLatent();
        return (recorder.Records, trainer.RecomputedSteps, samples.data<float>().ToArray());
    }

    [Fact]
    public void A_step_with_non_finite_values_is_recomputed_and_leaves_no_trace()
    {
        // A critic step calls the critic three times (real, fake, the penalty's interpolates), a generator
        // step once; n_critic is 2. Call 2 spoils the first critic step (recomputed as calls 4-6), call 9
        // the second one's penalty (recomputed as 10-12), call 13 the generator step (recomputed as 14).
        var clean = Train([]);
        var faulted = Train([2, 9, 13]);

        Assert.Equal(0, clean.Retries);
        Assert.Equal(3, faulted.Retries);
        Assert.Equal(clean.Losses, faulted.Losses);
        Assert.Equal(clean.Samples, faulted.Samples);
    }

    [Fact]
    public void A_step_that_stays_non_finite_stops_the_run()
    {
        using var trainer = Trainer([.. Enumerable.Range(1, 1000)]);
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.TrainIteration());
        Assert.Contains("training diverged at iteration 1 (epoch 1): the critic loss or its gradients were NaN or infinite in 11 attempts", error.Message);
        Assert.Equal(GanStep.MaxRetries + 1, trainer.RecomputedSteps);
        Assert.Equal(0, trainer.Iteration);
    }
}
