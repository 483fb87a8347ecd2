using Adversa.Models;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class FaultRecoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    /// <summary>seed 000's critic, returning NaN on chosen forward calls, as libtorch's faulting kernels do.</summary>
    private sealed class FaultingCritic : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;
        private readonly HashSet<int> _faultingCalls;
        private int _calls;

        public FaultingCritic(TrainingConfig config, HashSet<int> faultingCalls) : base(nameof(FaultingCritic))
        {
            _inner = NetworkCatalog.CreateCritic(config with { Critic = "dcgan64" });
            _faultingCalls = faultingCalls;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            var output = _inner.forward(input);
            return _faultingCalls.Contains(++_calls) ? output * float.NaN : output;
        }
    }

    private (List<LossRecord> Losses, long Retries, float[] Samples) Train(TrainingConfig config, string name)
    {
        using var trainer = GanTrainer.Start(config, Path.Combine(_temp.Path, name));
        for (var i = 0; i < 4; i++)
            trainer.TrainIteration(1);
        // Eval-mode samples read the generator's batch-norm running statistics, which failed attempts also touch.
        using var samples = trainer.SampleFixedLatent();
        return ([.. trainer.Losses], trainer.RetriedSteps, samples.data<float>().ToArray());
    }

    [Fact]
    public void A_step_with_non_finite_values_is_recomputed_and_leaves_no_trace()
    {
        // A critic step calls the critic three times (real, fake, the penalty's interpolates), a generator
        // step once; n_critic is 2. Call 2 spoils the first critic step (recomputed as calls 4-6), call 9
        // the second one's penalty (recomputed as 10-12), call 13 the generator step (recomputed as 14).
        NetworkCatalog.RegisterCritic("faulting-dcgan64", 64, "test double", c => new FaultingCritic(c, [2, 9, 13]));
        var clean = Train(TinyRuns.Shapes(epochs: 1), "clean");
        var faulted = Train(TinyRuns.Shapes(epochs: 1) with { Critic = "faulting-dcgan64" }, "faulted");

        Assert.Equal(0, clean.Retries);
        Assert.Equal(3, faulted.Retries);
        Assert.Equal(clean.Losses, faulted.Losses);
        Assert.Equal(clean.Samples, faulted.Samples);
    }

    [Fact]
    public void A_step_that_stays_non_finite_stops_the_run_with_its_checkpoint_intact()
    {
        NetworkCatalog.RegisterCritic("always-nan", 64, "test double", c => new FaultingCritic(c, [.. Enumerable.Range(1, 1000)]));
        using var trainer = GanTrainer.Start(TinyRuns.Shapes(epochs: 1) with { Critic = "always-nan" }, Path.Combine(_temp.Path, "nan"));
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.TrainIteration(1));
        Assert.Contains("critic loss or its gradients were NaN or infinite in 11 attempts", error.Message);
        Assert.Equal(GanTrainer.MaxRetries + 1, trainer.RetriedSteps);
    }

    public void Dispose() => _temp.Dispose();
}
