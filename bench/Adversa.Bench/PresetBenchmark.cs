using System.Diagnostics;
using Adversa.Data;
using Adversa.Models;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>How the presets are timed.</summary>
/// <param name="WarmupIterations">Steps run before timing starts (allocation, kernel selection).</param>
/// <param name="BareIterations">Steps timed without any output.</param>
/// <param name="Narrow">Shrink the networks to width 4 and epochs to 4 steps (seconds; figures meaningless).</param>
public sealed record PresetBenchmarkScale(int WarmupIterations, int BareIterations, bool Narrow)
{
    /// <summary>The presets as they are: one epoch each, in fp32 and bf16, and the bare step.</summary>
    public static PresetBenchmarkScale Seed { get; } = new(5, 20, false);

    /// <summary>Tiny networks, for checking the command works.</summary>
    public static PresetBenchmarkScale Smoke { get; } = new(1, 2, true);
}

/// <summary>What one preset costs here.</summary>
/// <param name="Name">The preset.</param>
/// <param name="Fp32Its">Steps per second of a whole run in a run directory (every output written, epoch ends included), fp32.</param>
/// <param name="Bf16Its">The same with precision=bf16.</param>
/// <param name="BareIts">Steps per second of the step alone (no outputs), fp32.</param>
/// <param name="EpochEndSeconds">Seconds per epoch end, by output (fp32 run).</param>
/// <param name="StandIn">Random images stood in for a data set missing here.</param>
public sealed record PresetTiming(string Name, double Fp32Its, double Bf16Its, double BareIts, IReadOnlyDictionary<string, double> EpochEndSeconds, bool StandIn)
{
    /// <summary>What a whole run costs over the bare step: 0.03 is 3% slower.</summary>
    public double OverheadWithEpochEnds => BareIts / Fp32Its - 1;
}

/// <summary>Times the demonstration and the quick presets as users run them: whole epochs into a run directory, fp32 and bf16, against the step alone.</summary>
public static class PresetBenchmark
{
    /// <summary>The presets measured.</summary>
    public static IReadOnlyList<string> Presets { get; } = ["wgan-gp-shapes", "wgan-gp-mnist-quick", "dcgan-mnist-quick", "wgan-fashion-mnist-quick"];

    /// <summary>Measures <paramref name="name"/>.</summary>
    public static PresetTiming Measure(string name, PresetBenchmarkScale scale, Action<string>? progress = null)
    {
        var config = PresetCatalog.Get(name).Config with { Epochs = 1 };
        if (scale.Narrow)
            config = config with { GeneratorWidth = 4, CriticWidth = 4, IterationsPerEpoch = 4, BatchSize = 8, SampleCount = 4 };
        var (images, standIn) = Images(config);
        using (images)
        {
            progress?.Invoke($"{name}: the step alone");
            var bare = BareStepsPerSecond(config, images, scale);
            progress?.Invoke($"{name}: one epoch into a run directory, fp32");
            var (fp32, parts) = WholeEpoch(config, images, scale);
            progress?.Invoke($"{name}: one epoch into a run directory, bf16");
            var (bf16, _) = WholeEpoch(config with { Precision = Precision.Bf16 }, images, scale);
            return new PresetTiming(name, fp32, bf16, bare, parts, standIn);
        }
    }

    // The preset's data when this machine has it, else random images of its size and count.
    private static (LabeledImages Images, bool StandIn) Images(TrainingConfig config)
    {
        try
        {
            return (DataSource.Resolve(config.Data).Load(DatasetSplit.Train, config.Seed, config.ImageChannels, config.ImageSize), false);
        }
        catch (Runtime.InvalidInputException)
        {
            var count = config.MaxImages > 0 ? config.MaxImages : 10_000;
            return (new LabeledImages(rand(count, config.ImageChannels, config.ImageSize, config.ImageSize) * 2 - 1, [], [], "random stand-in", PixelRange.Symmetric), true);
        }
    }

    private static double BareStepsPerSecond(TrainingConfig config, LabeledImages images, PresetBenchmarkScale scale)
    {
        using var trainer = GanTrainer.Create(config, images);
        for (var i = 0; i < scale.WarmupIterations; i++)
            trainer.TrainIteration();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < scale.BareIterations; i++)
            trainer.TrainIteration();
        return scale.BareIterations / clock.Elapsed.TotalSeconds;
    }

    // One epoch with every output, timed from the end of the warm-up steps through the epoch's end.
    private static (double StepsPerSecond, IReadOnlyDictionary<string, double> EpochEnd) WholeEpoch(TrainingConfig config, LabeledImages images, PresetBenchmarkScale scale)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"adversa-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var trainer = TrainingRun.Start(config, directory, images);
            var timed = trainer.Observers.Select(o => new TimedObserver(o)).ToList();
            trainer.Observers.Clear();
            foreach (var observer in timed)
                trainer.Observers.Add(observer);
            var clock = new EpochClock(scale.WarmupIterations);
            trainer.Observers.Add(clock);
            trainer.Train();
            return ((trainer.IterationsPerEpoch - scale.WarmupIterations) / clock.Seconds,
                timed.ToDictionary(t => t.Inner.GetType().Name, t => t.EpochEndSeconds));
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    // Starts after the warm-up steps and stops when the epoch's end has been written (it is told last).
    private sealed class EpochClock(int warmup) : ITrainingObserver
    {
        private readonly Stopwatch _clock = new();

        public double Seconds => _clock.Elapsed.TotalSeconds;

        public void OnIteration(GanTrainer trainer, LossRecord record)
        {
            if (record.Iteration == warmup)
                _clock.Start();
        }

        public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => _clock.Stop();
    }
}
