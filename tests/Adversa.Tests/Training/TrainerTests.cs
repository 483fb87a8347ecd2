using Adversa.Data;
using Adversa.Imaging;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class TrainerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Train(TrainingConfig config, string name) => TinyRuns.TrainInto(config, Path.Combine(_temp.Path, name));

    private static List<LossRecord> Losses(string runDirectory) => LossLog.Read(new RunLayout(runDirectory).LossesCsvPath);

    [Fact]
    public void A_run_writes_the_spec_layout()
    {
        var directory = Path.Combine(_temp.Path, "run");
        var observer = new RecordingObserver();
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 2), directory))
        {
            trainer.Observers.Add(observer);
            trainer.Train();
        }

        var layout = new RunLayout(directory);
        Assert.Equal(new TrainingPlan(1, 2, 3, 0), observer.Plan);
        Assert.Equal(6, observer.Records.Count);
        Assert.Equal([1, 2], observer.Epochs);
        Assert.Equal([TrainingOutcome.Completed], observer.Stops);
        Assert.Equal(TinyRuns.Shapes(epochs: 2), TrainingConfig.FromJson(File.ReadAllText(layout.ConfigPath)));

        Assert.StartsWith("iteration,epoch,d_loss,g_loss,gp,wasserstein,score_real,score_fake\n", File.ReadAllText(layout.LossesCsvPath));
        var rows = LossLog.Read(layout.LossesCsvPath);
        Assert.Equal(observer.Records, rows);
        Assert.Equal([1L, 2, 3, 4, 5, 6], rows.Select(r => r.Iteration));
        Assert.Equal([1, 1, 1, 2, 2, 2], rows.Select(r => r.Epoch));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss)));
        Assert.All(rows, r => Assert.Equal(["gp", "wasserstein", "score_real", "score_fake"], r.Scalars.Select(s => s.Name)));
        // The Wasserstein estimate is the difference of the two mean scores it is logged beside.
        Assert.All(rows, r => Assert.Equal(r.Scalar("score_real")!.Value - r.Scalar("score_fake")!.Value, r.Scalar("wasserstein")!.Value, 3));

        // epochs.csv: each epoch's means of the rows of losses.csv.
        Assert.StartsWith("epoch,iteration,seconds,finished_at,d_loss,g_loss,score_real,score_fake\n", File.ReadAllText(layout.EpochsCsvPath));
        foreach (var row in EpochTimes.Read(layout.EpochsCsvPath))
        {
            var ofEpoch = rows.Where(r => r.Epoch == row.Epoch).ToList();
            double[] expected = [ofEpoch.Average(r => r.CriticLoss), ofEpoch.Average(r => r.GeneratorLoss),
                ofEpoch.Average(r => r.Scalar("score_real")!.Value), ofEpoch.Average(r => r.Scalar("score_fake")!.Value)];
            Assert.Equal(expected.Length, row.Means!.Count);
            for (var i = 0; i < expected.Length; i++)
                Assert.Equal(expected[i], row.Means[i]!.Value, 1e-4 * Math.Max(1, Math.Abs(expected[i])));
        }

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
        var checkpoint = TrainingCheckpoint.Read(layout.LastCheckpointPath);
        Assert.Equal(2, checkpoint.CompletedEpochs);
        using var shapes = ShapesDataset.CreateTrainingSet(TinyRuns.Shapes(2).Seed);
        Assert.Equal(DataFingerprint.Of(shapes), checkpoint.Data);
    }

    [Fact]
    public void The_same_seed_gives_the_same_losses()
    {
        var first = Losses(Train(TinyRuns.Shapes(1), "a"));
        var second = Losses(Train(TinyRuns.Shapes(1), "b"));
        Assert.Equal(first, second);
        var other = Losses(Train(TinyRuns.Shapes(1) with { Seed = 6 }, "c"));
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Training_in_memory_writes_nothing_and_keeps_the_trained_generator_at_hand()
    {
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        var before = Directory.GetFileSystemEntries(_temp.Path).Length;
        var recorder = new RecordingObserver();
        using var trainer = GanTrainer.Create(TinyRuns.Shapes(epochs: 2), images);
        trainer.Observers.Add(recorder);
        trainer.Train();
        Assert.Equal(before, Directory.GetFileSystemEntries(_temp.Path).Length);
        Assert.Equal(6, trainer.Iteration);

        // The same run through a run directory: the same losses, and its checkpoint holds the generator in memory.
        var directory = Train(TinyRuns.Shapes(epochs: 2), "on-disk");
        Assert.Equal(Losses(directory), recorder.Records);
        using var fromDisk = TrainedGenerator.Load(directory).Sample(4, seed: 3);
        using var inMemory = trainer.Sample(4, seed: 3);
        Assert.Equal(new long[] { 4, 3, 64, 64 }, inMemory.shape);
        Assert.True(fromDisk.allclose(inMemory, rtol: 1e-4, atol: 1e-5));
    }

    [Fact]
    public void In_memory_images_train_into_a_run_directory_and_resume_only_with_the_same_images()
    {
        using var images = new LabeledImages(rand(40, 3, 64, 64) * 2 - 1, [], [], "my-images", PixelRange.Symmetric);
        var config = TinyRuns.Shapes(epochs: 1);
        var directory = Path.Combine(_temp.Path, "mine");
        using (var trainer = TrainingRun.Start(config, directory, images))
            trainer.Train();
        Assert.Equal("my-images", TrainingConfig.FromJson(File.ReadAllText(new RunLayout(directory).ConfigPath)).Data);

        var missing = Assert.Throws<InvalidInputException>(() => TrainingRun.Resume(directory, epochs: 2));
        Assert.Equal("data", missing.Setting);
        Assert.Contains("it trained on my-images (40 images", missing.Message);

        using var others = new LabeledImages(rand(40, 3, 64, 64) * 2 - 1, [], [], "my-images", PixelRange.Symmetric);
        var wrong = Assert.Throws<InvalidInputException>(() => TrainingRun.Resume(directory, epochs: 2, others));
        Assert.Contains("the run was trained on my-images (40 images, SHA-256", wrong.Message);

        using (var resumed = TrainingRun.Resume(directory, epochs: 2, images))
        {
            Assert.Equal(3, resumed.Iteration);
            resumed.Train();
        }
        Assert.Equal(6, Losses(directory).Count);
    }

    [Fact]
    public void A_resume_on_a_data_set_whose_images_changed_is_refused()
    {
        var folder = Path.Combine(_temp.Path, "pictures");
        Directory.CreateDirectory(folder);
        void Picture(string name, byte value) => File.WriteAllBytes(Path.Combine(folder, name), ImageGrid.ToPng(full(1, 3, 8, 8, value / 127.5 - 1)));
        for (byte i = 0; i < 8; i++)
            Picture($"{i}.png", (byte)(i * 30));
        var directory = Path.Combine(_temp.Path, "run");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Data = folder }, directory))
            trainer.Train();
        Picture("3.png", 255);
        var error = Assert.Throws<InvalidInputException>(() => TrainingRun.Resume(directory, epochs: 2));
        Assert.Contains($"the run was trained on {folder} (8 images", error.Message);
    }

    [Fact]
    public void The_optimisers_carry_each_networks_learning_rate_and_betas()
    {
        var config = TinyRuns.Shapes(epochs: 1) with { GLr = 3e-4, DLr = 7e-5, GBeta1 = 0.1, DBeta2 = 0.8 };
        using var components = GanComponents.FromConfig(config);
        var generatorGroup = Assert.IsType<TorchSharp.Modules.Adam.ParamGroup>(Assert.Single(components.GeneratorOptimizer.ParamGroups));
        var criticGroup = Assert.IsType<TorchSharp.Modules.Adam.ParamGroup>(Assert.Single(components.CriticOptimizer.ParamGroups));
        Assert.Equal(3e-4, generatorGroup.LearningRate, 12);
        Assert.Equal(7e-5, criticGroup.LearningRate, 12);
        Assert.Equal((0.1, 0.9), generatorGroup.Betas);
        Assert.Equal((0.5, 0.8), criticGroup.Betas);
        // Each optimiser holds its own network's parameters, all of them.
        Assert.Equal(components.Generator.parameters().Count(), generatorGroup.Parameters.Count());
        Assert.Equal(components.Critic.parameters().Count(), criticGroup.Parameters.Count());
        Assert.Same(components.Generator.parameters().First(), generatorGroup.Parameters.First());
        Assert.Same(components.Critic.parameters().First(), criticGroup.Parameters.First());
    }

    [Fact]
    public void A_learning_rate_of_zero_for_one_network_leaves_its_weights_alone()
    {
        // The effect, not the record: a swapped d_lr and g_lr would move the wrong network.
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        using var trainer = GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { GLr = 1e-30, DLr = 1e-2 }, images);
        using var generatorBefore = trainer.Components.Generator.parameters().First().clone();
        using var criticBefore = trainer.Components.Critic.parameters().First().clone();
        trainer.TrainIteration();
        Assert.True(trainer.Components.Generator.parameters().First().allclose(generatorBefore, rtol: 0, atol: 1e-20));
        Assert.False(trainer.Components.Critic.parameters().First().allclose(criticBefore, rtol: 0, atol: 1e-6));
    }

    // Spectral normalisation, minibatch discrimination, feature matching and the weight average together:
    // everything that adds state (u and v, the projection, the averaged copy) must survive a resume.
    private static TrainingConfig WithExtras(TrainingConfig config) => config with
    {
        CriticSpectralNorm = true,
        CriticBatchStatistics = BatchStatistics.Discrimination,
        MinibatchKernels = 4,
        GeneratorObjective = GeneratorObjective.AdversarialAndFeatureMatching,
        GeneratorEmaDecay = 0.9,
    };

    // Conditional runs add the class embeddings, conditional batch norm's gains and biases, the projection, the
    // auxiliary classifier or both (nested), and the labels' order in the batches.
    [Theory]
    [InlineData(false, Conditioning.None)]
    [InlineData(true, Conditioning.None)]
    [InlineData(false, Conditioning.Projection)]
    [InlineData(false, Conditioning.AuxiliaryClassifier)]
    [InlineData(false, Conditioning.ProjectionAndClassifier)]
    [InlineData(false, Conditioning.None, 2)] // the first epoch's 3 critic updates leave the resumed run's first one unpenalised
    public void A_resumed_run_continues_the_uninterrupted_runs_losses(bool extras, Conditioning condition, int regularizerEvery = 1)
    {
        TrainingConfig Config(int epochs) => (extras ? WithExtras(TinyRuns.Shapes(epochs)) : TinyRuns.Shapes(epochs)) with { Condition = condition, RegularizerEvery = regularizerEvery };
        var wholeDirectory = Train(Config(3), "whole");
        var whole = Losses(wholeDirectory);

        var split = Path.Combine(_temp.Path, "split");
        using (var first = TrainingRun.Start(Config(1), split))
            first.Train();
        using (var resumed = TrainingRun.Resume(split, epochs: 3))
        {
            Assert.Equal((1, 3L), (resumed.CompletedEpochs, resumed.Iteration));
            resumed.Train();
        }
        var continued = Losses(split);

        Assert.Equal(whole.Select(r => r.Iteration), continued.Select(r => r.Iteration));
        foreach (var (a, b) in whole.Zip(continued))
        {
            Assert.Equal(a.CriticLoss, b.CriticLoss, 1e-4);
            Assert.Equal(a.GeneratorLoss, b.GeneratorLoss, 1e-4);
            Assert.Equal(a.Scalar("gp") is null, b.Scalar("gp") is null);
        }
        using var wholeSamples = TrainedGenerator.Load(wholeDirectory).Sample(4, seed: 2);
        using var splitSamples = TrainedGenerator.Load(split).Sample(4, seed: 2);
        Assert.True(wholeSamples.allclose(splitSamples, rtol: 1e-3, atol: 1e-4));
    }

    [Fact]
    public void Measuring_during_training_leaves_the_training_sequence_unchanged()
    {
        var plain = Losses(Train(TinyRuns.Shapes(epochs: 2), "plain"));
        var measured = Train(TinyRuns.Shapes(epochs: 2) with { EvalEvery = 1, EvalSamples = 150, EvalFeatures = "mnist", EvalMetrics = Adversa.Evaluation.MetricKinds.Fid }, "measured");
        Assert.Equal(2, File.ReadAllLines(new RunLayout(measured).MetricsCsvPath).Length - 1);
        Assert.Equal(plain, Losses(measured));
    }

    [Theory]
    [InlineData(GeneratorObjective.FeatureMatching)]
    [InlineData(GeneratorObjective.AdversarialAndFeatureMatching)]
    public void Feature_matching_objectives_train_through_the_same_loop(GeneratorObjective objective)
    {
        var config = TinyRuns.Shapes(epochs: 1) with { GeneratorObjective = objective, Loss = LossKind.NonSaturating, Regularizer = RegularizerKind.None };
        var rows = Losses(Train(config, objective.ToString()));
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.GeneratorLoss)));
        if (objective == GeneratorObjective.FeatureMatching)
            Assert.All(rows, r => Assert.True(r.GeneratorLoss >= 0)); // a squared distance
        var plain = Losses(Train(config with { GeneratorObjective = GeneratorObjective.Adversarial }, objective + "-plain"));
        Assert.NotEqual(plain.Select(r => r.GeneratorLoss), rows.Select(r => r.GeneratorLoss));
    }

    [Fact]
    public void Feature_matching_needs_a_critic_that_exposes_its_features()
    {
        var config = TinyRuns.Shapes(epochs: 1);
        var generator = NetworkFactory.CreateGenerator(config);
        var opaque = nn.Sequential(nn.Flatten(), nn.Linear(3 * 64 * 64, 1), nn.Flatten(0));
        using var components = new GanComponents(generator, opaque, new LatentSampler(LatentDistribution.Normal, config.LatentDim)) { Objective = GeneratorObjective.FeatureMatching };
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        var error = Assert.Throws<InvalidInputException>(() => new GanTrainer(config, images, components));
        Assert.Equal("generator_objective", error.Setting);
        Assert.Contains("needs a critic that exposes its hidden features", error.Message);
    }

    [Fact]
    public void A_run_with_a_weight_average_samples_from_the_average_which_differs_from_the_generator()
    {
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        using var trainer = GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { GeneratorEmaDecay = 0.5 }, images);
        trainer.Train();
        var average = trainer.Components.GeneratorAverage!;
        Assert.Equal(3, average.Updates);
        using var fixedLatent = trainer.CaptureState().FixedLatent.clone();
        using var grid = trainer.SampleFixedLatent();
        trainer.Components.Generator.eval();
        using var fromRaw = trainer.Components.Generator.forward(fixedLatent);
        using var fromAverage = ((nn.Module<Tensor, Tensor>)average.Averaged).forward(fixedLatent);
        Assert.True(grid.allclose(fromAverage, rtol: 1e-5, atol: 1e-6));
        Assert.False(grid.allclose(fromRaw));
    }

    [Fact]
    public void Resuming_drops_rows_logged_after_the_checkpoint_and_a_torn_last_row()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var layout = new RunLayout(directory);
        File.AppendAllText(layout.LossesCsvPath, "4,2,1.0,2.0,0.5,0.1\n5,2,1.0,2.0,0.5,0.1\n6,2,1.0,2.");
        using (TrainingRun.Resume(directory))
            Assert.Equal(3, LossLog.Read(layout.LossesCsvPath).Count);
        Assert.Equal(4, File.ReadAllLines(layout.LossesCsvPath).Length);
    }

    [Fact]
    public void A_directory_holding_a_run_is_not_overwritten()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var before = File.ReadAllBytes(new RunLayout(directory).LastCheckpointPath);
        var error = Assert.Throws<InvalidInputException>(() => TrainingRun.Start(TinyRuns.Shapes(epochs: 1), directory));
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
        Assert.Contains("corrupt or truncated", Assert.Throws<InvalidInputException>(() => TrainingRun.Resume(directory)).Message);
        Assert.Equal(flipped, File.ReadAllBytes(path));

        File.WriteAllBytes(path, original[..(original.Length / 3)]);
        Assert.Contains(path, Assert.Throws<InvalidInputException>(() => TrainingRun.Resume(directory)).Message);

        File.WriteAllBytes(path, "ADVERSA?"u8.ToArray());
        Assert.Contains("not an Adversa checkpoint", Assert.Throws<InvalidInputException>(() => TrainingCheckpoint.Read(path)).Message);
    }

    [Fact]
    public void A_checkpoint_restores_the_generator_and_its_fixed_latent_batch()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1), "run");
        var checkpoint = TrainingCheckpoint.Read(new RunLayout(directory).LastCheckpointPath);
        Assert.Equal(TinyRuns.Shapes(epochs: 1), checkpoint.Config);
        Assert.Equal(3, checkpoint.Iteration);
        using var latent = checkpoint.ReadFixedLatent();
        Assert.Equal(new long[] { 4, 8 }, latent.shape);

        // Restored weights draw the last grid again, pixel for pixel of its PNG.
        using var resumed = TrainingRun.Resume(directory);
        using var grid = resumed.SampleFixedLatent();
        Assert.Equal(File.ReadAllBytes(new RunLayout(directory).SampleGridPath(1)), ImageGrid.ToPng(grid));

        using var loaded = TrainedGenerator.Load(directory);
        using var again = loaded.Sample(4, seed: 1);
        using var repeat = loaded.Sample(4, seed: 1);
        Assert.True(again.equal(repeat).all().item<bool>());
        using var other = loaded.Sample(4, seed: 2);
        Assert.False(again.allclose(other));
    }

    [Theory]
    [InlineData(LossKind.Wasserstein, RegularizerKind.GradientPenalty, new[] { "gp", "wasserstein" })]
    [InlineData(LossKind.NonSaturating, RegularizerKind.R1, new[] { "r1" })]
    [InlineData(LossKind.Minimax, RegularizerKind.None, new string[0])]
    [InlineData(LossKind.Hinge, RegularizerKind.R1, new[] { "r1" })]
    [InlineData(LossKind.LeastSquares, RegularizerKind.None, new string[0])]
    public void Every_loss_trains_through_the_same_loop_and_logs_its_own_scalars(LossKind loss, RegularizerKind regularizer, string[] scalars)
    {
        var config = TinyRuns.Shapes(epochs: 1) with { Loss = loss, Regularizer = regularizer };
        var directory = Train(config, $"{loss}-{regularizer}");
        string[] columns = [.. scalars, "score_real", "score_fake"];
        Assert.StartsWith(string.Join(',', ["iteration,epoch,d_loss,g_loss", .. columns]) + "\n", File.ReadAllText(new RunLayout(directory).LossesCsvPath));
        var rows = Losses(directory);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss)));
        Assert.All(rows, r => Assert.Equal(columns, r.Scalars.Select(s => s.Name)));
    }

    [Fact]
    public void Weight_clipping_and_cross_entropy_train_through_the_same_loop()
    {
        var config = TinyRuns.Shapes(epochs: 1) with { Loss = LossKind.NonSaturating, Regularizer = RegularizerKind.WeightClipping, NCritic = 2, Sampling = SamplingMode.Replacement };
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        using var trainer = GanTrainer.Create(config, images);
        var recorder = new RecordingObserver();
        trainer.Observers.Add(recorder);
        trainer.Train();
        Assert.Equal(3, recorder.Records.Count);
        Assert.All(recorder.Records, r => Assert.Equal(["score_real", "score_fake"], r.Scalars.Select(s => s.Name)));
        Assert.All(recorder.Records, r => Assert.True(r.CriticLoss > 0)); // cross-entropy is positive
        Assert.All(trainer.Components.Critic.parameters(), p => Assert.True(p.abs().max().item<float>() <= 0.01f + 1e-7f));
    }

    [Fact]
    public void Auto_precision_is_decided_once_and_frozen_into_the_run()
    {
        var decided = MixedPrecision.Resolve(Precision.Auto);
        Assert.NotEqual(Precision.Auto, decided);
        Assert.Equal((Precision.Fp32, Precision.Bf16), (MixedPrecision.Resolve(Precision.Fp32), MixedPrecision.Resolve(Precision.Bf16)));
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Precision = Precision.Auto }, "auto");
        // A resume elsewhere reads the choice made here, not "auto".
        Assert.Equal(decided, TrainingConfig.FromJson(File.ReadAllText(new RunLayout(directory).ConfigPath)).Precision);
        Assert.Equal(decided, TrainingCheckpoint.Read(new RunLayout(directory).LastCheckpointPath).Config.Precision);
    }

    [Fact]
    public void A_step_takes_n_critic_critic_updates_then_g_steps_generator_updates()
    {
        var config = TinyRuns.Shapes(epochs: 1) with { NCritic = 2, GSteps = 3 };
        using var images = ShapesDataset.CreateTrainingSet(seed: 5);
        using var trainer = GanTrainer.Create(config, images);
        var counting = new CountingLoss(trainer.Components.Loss);
        trainer.Components.Loss = counting;
        trainer.Train();
        Assert.Equal(3, trainer.Iteration);
        Assert.Equal((3 * 2, 3 * 3), (counting.CriticCalls, counting.GeneratorCalls));
    }

    // A loss of one's own, as a user plugs one in: the built-in loss, counting its calls.
    private sealed class CountingLoss(IAdversarialLoss inner) : IAdversarialLoss
    {
        public int CriticCalls { get; private set; }
        public int GeneratorCalls { get; private set; }
        public string Name => inner.Name;

        public Tensor CriticLoss(Tensor realScores, Tensor fakeScores)
        {
            CriticCalls++;
            return inner.CriticLoss(realScores, fakeScores);
        }

        public Tensor GeneratorLoss(Tensor fakeScores)
        {
            GeneratorCalls++;
            return inner.GeneratorLoss(fakeScores);
        }
    }

    public void Dispose() => _temp.Dispose();
}
