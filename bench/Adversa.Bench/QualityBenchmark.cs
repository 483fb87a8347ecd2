using System.Diagnostics;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Bench;

/// <summary>How long the quality benchmark trains and how many images it measures.</summary>
/// <param name="Short">Two epochs of five steps and 500 measured images per preset: minutes in all, for checking the command (figures meaningless).</param>
public sealed record QualityBenchmarkScale(bool Short)
{
    /// <summary>Each preset for its whole budget, measured with 10,000 images.</summary>
    public static QualityBenchmarkScale Full { get; } = new(false);

    /// <summary>Each preset cut to two epochs of five steps, measured with 500 images.</summary>
    public static QualityBenchmarkScale Brief { get; } = new(true);

    /// <summary>Generated (and real) images measured.</summary>
    public int Samples => Short ? 500 : 10_000;
}

/// <summary>
/// What a preset draws within its budget on this machine: FID, KID, precision and recall with the data's built-in
/// classifier against the test split, beside the floor a perfect generator would reach (real training images measured
/// the same way), the wall time and the steps per second of the whole run, and for a conditional preset the share of
/// images of the class asked for and the intra-FID.
/// </summary>
/// <param name="Name">The preset.</param>
/// <param name="Iterations">Generator steps trained.</param>
/// <param name="TrainingSeconds">Wall time of the training, every output written.</param>
/// <param name="Generated">The generator's metrics.</param>
/// <param name="Floor">The same metrics of real training images.</param>
/// <param name="RunDirectory">Where the run was kept, or null when it was deleted.</param>
public sealed record QualityResult(string Name, long Iterations, double TrainingSeconds, MetricResults Generated, MetricResults Floor, string? RunDirectory)
{
    /// <summary>Steps per second of the whole run.</summary>
    public double ItsPerSecond => Iterations / TrainingSeconds;
}

/// <summary>Trains each quick preset for its budget and measures what it draws (<c>adversa bench --part quality</c>).</summary>
public static class QualityBenchmark
{
    /// <summary>The presets measured by default: the demonstration and every quick preset.</summary>
    public static IReadOnlyList<string> Presets => PresetBenchmark.Presets;

    /// <summary>
    /// Trains <paramref name="name"/> into <paramref name="keepUnder"/>/NAME (or a temporary directory, deleted after)
    /// and measures it; <paramref name="progress"/> hears a line per epoch and per measurement.
    /// </summary>
    public static QualityResult Measure(string name, QualityBenchmarkScale scale, string? keepUnder = null, Action<string>? progress = null)
    {
        var config = PresetCatalog.Get(name).Config;
        if (scale.Short)
            config = config with { Epochs = 2, IterationsPerEpoch = 5, EvalEvery = 0 };
        var directory = keepUnder is not null ? Path.Combine(keepUnder, name) : Path.Combine(Path.GetTempPath(), $"adversa-quality-{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (Directory.Exists(directory))
            throw new Runtime.InvalidInputException("keep", keepUnder, $"{directory} exists already; the benchmark trains every preset afresh");
        try
        {
            var clock = Stopwatch.StartNew();
            long iterations;
            using (var trainer = TrainingRun.Start(config, directory))
            {
                trainer.Observers.Add(new EpochProgress(name, progress));
                trainer.Train();
                iterations = trainer.Iteration;
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var request = new EvaluationRequest(directory, MetricKinds.Fid | MetricKinds.Kid | MetricKinds.PrecisionRecall, scale.Samples);
            progress?.Invoke($"{name}: measuring {scale.Samples} generated images");
            var generated = RunEvaluation.Measure(request);
            progress?.Invoke($"{name}: measuring {scale.Samples} real training images (the floor)");
            var floor = RunEvaluation.Measure(request with { Real = true });
            return new QualityResult(name, iterations, seconds, generated, floor, keepUnder is null ? null : directory);
        }
        finally
        {
            if (keepUnder is null && Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class EpochProgress(string name, Action<string>? progress) : ITrainingObserver
    {
        public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) =>
            progress?.Invoke($"{name}: epoch {epoch.Epoch}/{trainer.Config.Epochs}, {trainer.Iteration} steps");
    }
}
