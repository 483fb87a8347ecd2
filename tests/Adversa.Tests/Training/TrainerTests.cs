using Adversa.Imaging;
using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private sealed class CountingObserver : ITrainingObserver
    {
        public TrainingPlan? Plan;
        public int Iterations;
        public List<int> Epochs = [];
        public void OnStart(TrainingPlan plan) => Plan = plan;
        public void OnIteration(LossRecord record) => Iterations++;
        public void OnEpochEnd(int epoch, string sampleGridPath) => Epochs.Add(epoch);
    }

    private string Train(TrainingConfig config, string name)
    {
        var directory = Path.Combine(_temp.Path, name);
        using var trainer = GanTrainer.Start(config, directory);
        trainer.Train(new CountingObserver());
        return directory;
    }

    [Fact]
    public void A_run_writes_the_spec_layout()
    {
        var directory = Path.Combine(_temp.Path, "run");
        var observer = new CountingObserver();
        using (var trainer = GanTrainer.Start(TinyRuns.Shapes(epochs: 2), directory))
            trainer.Train(observer);

        var layout = new RunLayout(directory);
        Assert.Equal(new TrainingPlan(1, 2, 3, 0), observer.Plan);
        Assert.Equal(6, observer.Iterations);
        Assert.Equal([1, 2], observer.Epochs);
        Assert.Equal(TinyRuns.Shapes(epochs: 2), TrainingConfig.FromJson(File.ReadAllText(layout.ConfigPath)));

        var rows = LossLog.Read(layout.LossesCsvPath);
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(r => r.Iteration));
        Assert.Equal([1, 1, 1, 2, 2, 2], rows.Select(r => r.Epoch));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss)));
        Assert.All(rows, r => Assert.NotNull(r.Penalty));
        Assert.All(rows, r => Assert.NotNull(r.WassersteinEstimate));

        // 4 samples of 64x64 in a 2x2 grid with 2-pixel borders: 2 * 66 + 2 = 134.
        foreach (var epoch in new[] { 1, 2 })
        {
            var grid = PngImage.TryRead(layout.SampleGridPath(epoch));
            Assert.NotNull(grid);
            Assert.Equal((134, 134), (grid.Width, grid.Height));
        }
        using (var animation = new ImageMagick.MagickImageCollection(layout.ProgressGifPath))
        {
            Assert.Equal(2, animation.Count);
            Assert.All(animation, frame => Assert.Equal((134u, 134u), (frame.Width, frame.Height)));
        }
        var plot = PngImage.TryRead(layout.LossesPlotPath);
        Assert.NotNull(plot);
        Assert.Equal((900, 500), (plot.Width, plot.Height));
        Assert.Equal(2, TrainingCheckpoint.Read(layout.LastCheckpointPath).CompletedEpochs);
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses()
    {
        var first = LossLog.Read(new RunLayout(Train(TinyRuns.Shapes(1), "a")).LossesCsvPath);
        var second = LossLog.Read(new RunLayout(Train(TinyRuns.Shapes(1), "b")).LossesCsvPath);
        Assert.Equal(first, second);
        var other = LossLog.Read(new RunLayout(Train(TinyRuns.Shapes(1) with { Seed = 6 }, "c")).LossesCsvPath);
        Assert.NotEqual(first, other);
    }

    // Spectral normalisation, minibatch discrimination, feature matching and the weight average together:
    // everything that adds state (u and v, the projection, the averaged copy) must survive a resume.
    private static TrainingConfig WithExtras(TrainingConfig config) => config with
    {
        CriticSpectralNorm = true,
        CriticBatchStatistics = "discrimination",
        MinibatchKernels = 4,
        GeneratorObjective = "adversarial+feature_matching",
        GeneratorEmaDecay = 0.9,
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_resumed_run_continues_the_uninterrupted_runs_losses(bool extras)
    {
        TrainingConfig Config(int epochs) => extras ? WithExtras(TinyRuns.Shapes(epochs)) : TinyRuns.Shapes(epochs);
        var wholeDirectory = Train(Config(3), "whole");
        var whole = LossLog.Read(new RunLayout(wholeDirectory).LossesCsvPath);

        var split = Path.Combine(_temp.Path, "split");
        using (var first = GanTrainer.Start(Config(1), split))
            first.Train(new CountingObserver());
        using (var resumed = GanTrainer.Resume(split, epochs: 3))
        {
            Assert.Equal((1, 3L), (resumed.CompletedEpochs, resumed.Iteration));
            resumed.Train(new CountingObserver());
        }
        var continued = LossLog.Read(new RunLayout(split).LossesCsvPath);

        Assert.Equal(whole.Select(r => r.Iteration), continued.Select(r => r.Iteration));
        foreach (var (a, b) in whole.Zip(continued))
        {
            Assert.Equal(a.CriticLoss, b.CriticLoss, 1e-4);
            Assert.Equal(a.GeneratorLoss, b.GeneratorLoss, 1e-4);
        }
        using var wholeSamples = TrainedGenerator.Load(wholeDirectory).Sample(4, seed: 2);
        using var splitSamples = TrainedGenerator.Load(split).Sample(4, seed: 2);
        Assert.True(wholeSamples.allclose(splitSamples, rtol: 1e-3, atol: 1e-4));
    }

    [Theory]
    [InlineData("feature_matching")]
    [InlineData("adversarial+feature_matching")]
    public void Feature_matching_objectives_train_through_the_same_loop(string objective)
    {
        var config = TinyRuns.Shapes(epochs: 1) with { GeneratorObjective = objective, Loss = "non_saturating", Regularizer = "none" };
        var rows = LossLog.Read(new RunLayout(Train(config, objective)).LossesCsvPath);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.GeneratorLoss)));
        if (objective == "feature_matching")
            Assert.All(rows, r => Assert.True(r.GeneratorLoss >= 0)); // a squared distance
        var plain = LossLog.Read(new RunLayout(Train(config with { GeneratorObjective = "adversarial" }, objective + "-plain")).LossesCsvPath);
        Assert.NotEqual(plain.Select(r => r.GeneratorLoss), rows.Select(r => r.GeneratorLoss));
    }

    [Fact]
    public void Feature_matching_needs_a_critic_that_exposes_its_features()
    {
        Adversa.Models.NetworkCatalog.RegisterCritic("opaque-test-critic", 64, "a critic without features",
            _ => TorchSharp.torch.nn.Sequential(TorchSharp.torch.nn.Flatten(), TorchSharp.torch.nn.Linear(3 * 64 * 64, 1), TorchSharp.torch.nn.Flatten(0)));
        var config = TinyRuns.Shapes(epochs: 1) with { Critic = "opaque-test-critic", GeneratorObjective = "feature_matching" };
        var error = Assert.Throws<InvalidInputException>(() => GanTrainer.Start(config, Path.Combine(_temp.Path, "opaque")));
        Assert.Contains("generator_objective: feature_matching needs a critic that exposes its hidden features", error.Message);
    }

    [Fact]
    public void A_run_with_a_weight_average_samples_from_the_average()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { GeneratorEmaDecay = 0.5 }, "ema");
        var checkpoint = TrainingCheckpoint.Read(new RunLayout(directory).LastCheckpointPath);
        Assert.True(checkpoint.HasGeneratorAverage);
        var config = checkpoint.Config;
        using var raw = Adversa.Models.NetworkCatalog.CreateGenerator(config);
        using var averaged = Adversa.Models.NetworkCatalog.CreateGenerator(config);
        checkpoint.LoadGenerator(raw);
        checkpoint.LoadGeneratorAverage(averaged);
        raw.eval();
        averaged.eval();
        using var latent = checkpoint.ReadFixedLatent();
        using var fromRaw = raw.forward(latent);
        using var fromAverage = averaged.forward(latent);
        Assert.False(fromRaw.allclose(fromAverage));

        using var trainer = GanTrainer.Resume(directory);
        using var grid = trainer.SampleFixedLatent();
        Assert.True(grid.allclose(fromAverage, rtol: 1e-4, atol: 1e-5));
        using var loaded = TrainedGenerator.Load(directory);
        Assert.False(TrainingCheckpoint.Read(new RunLayout(Train(TinyRuns.Shapes(epochs: 1), "plain")).LastCheckpointPath).HasGeneratorAverage);
    }

    [Fact]
    public void Resuming_drops_rows_logged_after_the_checkpoint()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var layout = new RunLayout(directory);
        File.AppendAllText(layout.LossesCsvPath, "4,2,1.0,2.0,0.5,0.1\n5,2,1.0,2.0,0.5,0.1\n6,2,1.0,2.");
        using (var resumed = GanTrainer.Resume(directory))
            Assert.Equal(3, resumed.Losses.Count);
        Assert.Equal(3, LossLog.Read(layout.LossesCsvPath).Count);
    }

    [Fact]
    public void A_directory_holding_a_run_is_not_overwritten()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var before = File.ReadAllBytes(new RunLayout(directory).LastCheckpointPath);
        var error = Assert.Throws<InvalidInputException>(() => GanTrainer.Start(TinyRuns.Shapes(epochs: 1), directory));
        Assert.Contains("already holds a run", error.Message);
        Assert.Equal(before, File.ReadAllBytes(new RunLayout(directory).LastCheckpointPath));
    }

    [Fact]
    public void A_corrupt_or_truncated_checkpoint_is_refused_and_kept()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var path = new RunLayout(directory).LastCheckpointPath;
        var original = File.ReadAllBytes(path);

        var flipped = (byte[])original.Clone();
        flipped[original.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, flipped);
        Assert.Contains("corrupt or truncated", Assert.Throws<InvalidInputException>(() => GanTrainer.Resume(directory)).Message);
        Assert.Equal(flipped, File.ReadAllBytes(path));

        File.WriteAllBytes(path, original[..(original.Length / 3)]);
        Assert.Contains(path, Assert.Throws<InvalidInputException>(() => GanTrainer.Resume(directory)).Message);

        File.WriteAllBytes(path, "ADVERSA?"u8.ToArray());
        Assert.Contains("not an Adversa checkpoint", Assert.Throws<InvalidInputException>(() => TrainingCheckpoint.Read(path)).Message);
    }

    [Fact]
    public void A_checkpoint_round_trips_the_generator()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        using var trainer = GanTrainer.Resume(directory);
        using var fromTrainer = trainer.SampleFixedLatent();
        using var loaded = TrainedGenerator.Load(directory);
        var checkpoint = TrainingCheckpoint.Read(new RunLayout(directory).LastCheckpointPath);
        Assert.Equal(TinyRuns.Shapes(epochs: 1), checkpoint.Config);
        Assert.Equal(3, checkpoint.Iteration);
        using var latent = checkpoint.ReadFixedLatent();
        Assert.Equal(new long[] { 4, 8 }, latent.shape);
        using var again = loaded.Sample(4, seed: 1);
        Assert.Equal(new long[] { 4, 3, 64, 64 }, again.shape);
        using var repeat = loaded.Sample(4, seed: 1);
        Assert.True(again.equal(repeat).all().item<bool>());
        Assert.Equal(new long[] { 4, 3, 64, 64 }, fromTrainer.shape);
    }

    [Theory]
    [InlineData("wasserstein", "gradient_penalty")]
    [InlineData("non_saturating", "r1")]
    [InlineData("minimax", "none")]
    [InlineData("hinge", "r1")]
    [InlineData("least_squares", "none")]
    public void Every_loss_trains_through_the_same_loop(string loss, string regularizer)
    {
        var config = TinyRuns.Shapes(epochs: 1) with { Loss = loss, Regularizer = regularizer };
        var rows = LossLog.Read(new RunLayout(Train(config, $"{loss}-{regularizer}")).LossesCsvPath);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss)));
        Assert.All(rows, r => Assert.Equal(regularizer != "none", r.Penalty.HasValue));
        Assert.All(rows, r => Assert.Equal(loss == "wasserstein", r.WassersteinEstimate.HasValue));
    }

    [Fact]
    public void Weight_clipping_and_cross_entropy_train_through_the_same_loop()
    {
        var config = TinyRuns.Shapes(epochs: 1) with { Loss = "non_saturating", Regularizer = "weight_clipping", NCritic = 2, Sampling = "replacement" };
        var rows = LossLog.Read(new RunLayout(Train(config, "clip")).LossesCsvPath);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Null(r.Penalty));
        Assert.All(rows, r => Assert.Null(r.WassersteinEstimate));
        Assert.All(rows, r => Assert.True(r.CriticLoss > 0)); // cross-entropy is positive
    }

    public void Dispose() => _temp.Dispose();
}
