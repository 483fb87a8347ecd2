using System.Diagnostics;
using Adversa.Data;
using Adversa.Models;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>How the presets are timed.</summary>
/// <param name="Narrow">Shrink the networks to width 4 and epochs to 4 steps (seconds; figures meaningless).</param>
public sealed record PresetBenchmarkScale(bool Narrow)
{
    /// <summary>The presets as they are: two epochs each, in fp32 and in bf16.</summary>
    public static PresetBenchmarkScale Seed { get; } = new(false);

    /// <summary>Tiny networks, for checking the command works.</summary>
    public static PresetBenchmarkScale Smoke { get; } = new(true);
}

/// <summary>What one preset costs here, measured over the second epoch of a run in a run directory (the first pays for
/// allocation, kernel selection and the first drawing of every output).</summary>
/// <param name="Name">The preset.</param>
/// <param name="Fp32Its">Steps per second, every output written, epoch end included, fp32.</param>
/// <param name="Bf16Its">The same with precision=bf16.</param>
/// <param name="BareIts">Steps per second of the same epoch with the time spent in outputs taken out, fp32.</param>
/// <param name="EpochEndSeconds">Seconds the second epoch's end took, by output (fp32).</param>
/// <param name="StandIn">Random images stood in for a data set missing here.</param>
/// <param name="Work">The step's arithmetic as oneDNN executed it (fp32), or null when not counted.</param>
public sealed record PresetTiming(string Name, double Fp32Its, double Bf16Its, double BareIts, IReadOnlyDictionary<string, double> EpochEndSeconds, bool StandIn, StepWork? Work = null)
{
    /// <summary>What the outputs cost a run over its steps alone: 0.03 is 3% slower.</summary>
    public double OverheadWithEpochEnds => BareIts / Fp32Its - 1;

    /// <summary>The step's work at the fp32 rate as a fraction of the fp32 matrix-product ceiling <paramref name="ceilingGflops"/>.</summary>
    public double? Fp32FractionOf(double ceilingGflops) => Work is { } work ? work.GflopPerStep * Fp32Its / ceilingGflops : null;

    /// <summary>The same work at the bf16 rate as a fraction of the bf16 ceiling (the same arithmetic, done in bfloat16 where it is safe).</summary>
    public double? Bf16FractionOf(double ceilingGflops) => Work is { } work ? work.GflopPerStep * Bf16Its / ceilingGflops : null;
}

/// <summary>Times the demonstration and the quick presets as users run them: two epochs into a run directory, in fp32
/// and bf16, with the time each output takes counted inside the same run.</summary>
public static class PresetBenchmark
{
    /// <summary>The presets measured: the demonstration and every quick preset.</summary>
    public static IReadOnlyList<string> Presets { get; } =
        ["wgan-gp-shapes", .. PresetCatalog.All.Select(p => p.Name).Where(n => n.EndsWith("-quick", StringComparison.Ordinal))];

    /// <summary>
    /// Measures <paramref name="name"/>; with <paramref name="countingChild"/> (a process that calls <see cref="CountStepWorkHere"/>
    /// for the preset and scale given), also counts its step's work.
    /// </summary>
    public static PresetTiming Measure(string name, PresetBenchmarkScale scale, Action<string>? progress = null, Func<string, ProcessStartInfo>? countingChild = null)
    {
        StepWork? work = null;
        if (countingChild is not null)
        {
            progress?.Invoke($"{name}: the step's arithmetic, as oneDNN logs it");
            work = StepWorkCounter.Measure(countingChild(name));
        }
        return MeasureTimes(name, scale, progress) with { Work = work };
    }

    /// <summary>Runs the steps <see cref="StepWorkCounter"/> counts, in this process (the child of <see cref="Measure"/>).</summary>
    public static void CountStepWorkHere(string name, PresetBenchmarkScale scale)
    {
        var config = Configure(name, scale);
        var (images, _) = Images(config);
        using (images)
            StepWorkCounter.RunHere(config, images);
    }

    private static TrainingConfig Configure(string name, PresetBenchmarkScale scale)
    {
        // fp32 whatever precision the preset picks (auto): the fp32 row and the counted work are fp32's, bf16 is asked for.
        var config = PresetCatalog.Get(name).Config with { Epochs = 2, Precision = Precision.Fp32 };
        return scale.Narrow ? config with { GeneratorWidth = 4, CriticWidth = 4, IterationsPerEpoch = 4, BatchSize = 8, SampleCount = 4 } : config;
    }

    private static PresetTiming MeasureTimes(string name, PresetBenchmarkScale scale, Action<string>? progress)
    {
        var config = Configure(name, scale);
        var (images, standIn) = Images(config);
        using (images)
        {
            progress?.Invoke($"{name}: two epochs into a run directory, fp32");
            var fp32 = SecondEpoch(config, images);
            progress?.Invoke($"{name}: two epochs into a run directory, bf16");
            var bf16 = SecondEpoch(config with { Precision = Precision.Bf16 }, images);
            return new PresetTiming(name, fp32.Iterations / fp32.WallSeconds, bf16.Iterations / bf16.WallSeconds,
                fp32.Iterations / (fp32.WallSeconds - fp32.OutputSeconds), fp32.EpochEndByOutput, standIn);
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

    private sealed record EpochCost(long Iterations, double WallSeconds, double OutputSeconds, IReadOnlyDictionary<string, double> EpochEndByOutput);

    // Two epochs with every output; the second is timed from the end of the first epoch's end to the end of its own.
    private static EpochCost SecondEpoch(TrainingConfig config, LabeledImages images)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"adversa-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var trainer = TrainingRun.Start(config, directory, images);
            var timed = trainer.Observers.Select(o => new TimedObserver(o)).ToList();
            trainer.Observers.Clear();
            foreach (var observer in timed)
                trainer.Observers.Add(observer);
            var clock = new SecondEpochClock(timed);
            trainer.Observers.Add(clock);
            trainer.Train();
            return new EpochCost(trainer.IterationsPerEpoch, clock.WallSeconds, clock.OutputSeconds,
                timed.ToDictionary(t => t.Inner.GetType().Name, t => t.EpochEndSeconds - clock.FirstEpochEnd[t]));
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    // Told last at every epoch end, so the first epoch's outputs are behind it when it starts the second epoch's clock.
    private sealed class SecondEpochClock(IReadOnlyList<TimedObserver> outputs) : ITrainingObserver
    {
        private readonly Stopwatch _wall = new();
        private double _outputsAtStart;

        public Dictionary<TimedObserver, double> FirstEpochEnd { get; } = [];

        public double WallSeconds => _wall.Elapsed.TotalSeconds;

        public double OutputSeconds { get; private set; }

        public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
        {
            if (epoch.Epoch == 1)
            {
                foreach (var output in outputs)
                    FirstEpochEnd[output] = output.EpochEndSeconds;
                _outputsAtStart = outputs.Sum(o => o.TotalSeconds);
                _wall.Start();
            }
            else if (epoch.Epoch == 2)
            {
                _wall.Stop();
                OutputSeconds = outputs.Sum(o => o.TotalSeconds) - _outputsAtStart;
            }
        }
    }
}
