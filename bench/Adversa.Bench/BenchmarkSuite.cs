using System.Diagnostics;
using Adversa.Data;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>
/// Times, in one process: (a) a float32 matrix product, the machine's practical ceiling; (b) one
/// iteration (D step + G step) of seed 000's 64x64 DCGAN written with bare TorchSharp calls; (c) the
/// same iteration through <see cref="GanTrainer"/>. The difference between (b) and (c) is what the
/// trainer costs: data indexing, loss records, finiteness checks, bookkeeping. (b) and (c) alternate,
/// so that load from elsewhere on the machine falls on both alike.
/// </summary>
public static class BenchmarkSuite
{
    /// <summary>Runs all three measurements; <paramref name="progress"/> receives a line per stage.</summary>
    public static BenchmarkReport Run(BenchmarkScale scale, Action<string>? progress = null)
    {
        progress?.Invoke($"matrix product {scale.MatrixSize}x{scale.MatrixSize}");
        var matrixBefore = MatrixProductSeconds(scale);

        progress?.Invoke($"bare DCGAN iteration and the trainer's, alternating (batch {scale.BatchSize}, {scale.Repetitions} each)");
        using var bare = new BareDcganIteration(scale);
        using var images = new LabeledImages(rand(400, 1, 64, 64) * 2 - 1, [], [], "bench", PixelRange.Symmetric);
        using var trainer = GanTrainer.Create(TrainerConfig(scale), images);
        var (bareSeconds, trainerSeconds) = AlternatingMedians(scale.Repetitions, bare.Run, () => trainer.TrainIteration());

        progress?.Invoke("matrix product again");
        var matrixSeconds = Math.Min(matrixBefore, MatrixProductSeconds(scale));
        var gflop = bare.Flops / 1e9;
        return new BenchmarkReport(scale, get_num_threads(),
            new BenchmarkResult("matmul", matrixSeconds, 2.0 * Math.Pow(scale.MatrixSize, 3) / 1e9),
            new BenchmarkResult("bare_iteration", bareSeconds, gflop),
            new BenchmarkResult("trainer_iteration", trainerSeconds, gflop));
    }

    private static double MatrixProductSeconds(BenchmarkScale scale)
    {
        using var a = randn(scale.MatrixSize, scale.MatrixSize);
        using var b = randn(scale.MatrixSize, scale.MatrixSize);
        var repetitions = Math.Max(5, scale.Repetitions * 5);
        void Product() { using var c = matmul(a, b); }
        return AlternatingMedians(repetitions, Product, Product).First;
    }

    // The same step as BareDcganIteration, as a configuration of the trainer: seed 000's DCGAN preset at the benchmark's sizes.
    private static TrainingConfig TrainerConfig(BenchmarkScale scale) => PresetCatalog.Get("dcgan-olivetti").Config with
    {
        Preset = "bench-dcgan64",
        Data = "bench",
        GeneratorWidth = scale.Width,
        CriticWidth = scale.Width,
        LatentDim = scale.LatentDim,
        BatchSize = scale.BatchSize,
        Epochs = 1,
        SampleCount = 4,
    };

    private static (double First, double Second) AlternatingMedians(int repetitions, Action first, Action second)
    {
        first(); // warm-up: allocator, kernel selection
        second();
        var firstTimes = new double[repetitions];
        var secondTimes = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            firstTimes[i] = Seconds(first);
            secondTimes[i] = Seconds(second);
        }
        return (Median(firstTimes), Median(secondTimes));
    }

    private static double Seconds(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }
}
