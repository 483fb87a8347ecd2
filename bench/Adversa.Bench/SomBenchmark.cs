using System.Diagnostics;
using Adversa.Som;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>The SOM sizes a benchmark run uses.</summary>
/// <param name="OnlineUnitsSide">Side of the online map (seed 000: 8).</param>
/// <param name="OnlineDim">Input length of the online map (seed 000: 64 x 64 = 4096).</param>
/// <param name="OnlineSamples">Samples per online epoch (seed 000: 100).</param>
/// <param name="OnlineEpochs">Online epochs timed per repetition.</param>
/// <param name="BatchUnitsSide">Side of the batch map (som-fashion-mnist: 20).</param>
/// <param name="BatchDim">Input length of the batch map (28 x 28 = 784).</param>
/// <param name="BatchSamples">Samples per batch-map epoch (Fashion-MNIST: 60,000).</param>
public sealed record SomBenchmarkScale(int OnlineUnitsSide, int OnlineDim, int OnlineSamples, int OnlineEpochs, int BatchUnitsSide, int BatchDim, int BatchSamples)
{
    /// <summary>Seed 000's online map and som-fashion-mnist's batch map.</summary>
    public static SomBenchmarkScale Seed { get; } = new(8, 4096, 100, 50, 20, 784, 60_000);

    /// <summary>Seconds-long sizes for tests.</summary>
    public static SomBenchmarkScale Smoke { get; } = new(3, 64, 20, 2, 4, 16, 500);
}

/// <summary>SOM throughput: online updates per second and the batch map's epoch time.</summary>
/// <param name="Scale">The sizes measured.</param>
/// <param name="OnlineUpdatesPerSecond">Samples presented per second in online training (winner search, neighbourhood update, per-epoch renormalisation).</param>
/// <param name="SeedRunSeconds">Seed 000's whole run at that rate: 1,000 epochs of 100 samples.</param>
/// <param name="BatchEpoch">One batch-map epoch; its GFLOP count the winner search's matrix product and the neighbourhood products.</param>
public sealed record SomBenchmarkReport(SomBenchmarkScale Scale, double OnlineUpdatesPerSecond, double SeedRunSeconds, BenchmarkResult BatchEpoch);

/// <summary>Times online training at seed 000's size and one epoch of the 20x20 batch map over 60,000 inputs (random data: the speed does not depend on the values).</summary>
public static class SomBenchmark
{
    /// <summary>Runs both measurements (median of <paramref name="repetitions"/> after a warm-up).</summary>
    public static SomBenchmarkReport Run(SomBenchmarkScale scale, int repetitions)
    {
        manual_seed(1);
        var online = SomPresetCatalog.Get("som-olivetti").Config with { Rows = scale.OnlineUnitsSide, Columns = scale.OnlineUnitsSide };
        using var faces = rand(scale.OnlineSamples, scale.OnlineDim);
        using var onlineMap = new SelfOrganizingMap(online, scale.OnlineDim);
        onlineMap.Initialize(faces);
        var onlineSeconds = Median(repetitions, () => onlineMap.Train(faces, scale.OnlineEpochs));
        var updatesPerSecond = (double)scale.OnlineSamples * scale.OnlineEpochs / onlineSeconds;

        // A random start: the epoch's cost does not depend on the weights, and PCA would only lengthen set-up.
        var batch = SomPresetCatalog.Get("som-fashion-mnist").Config with
        {
            Rows = scale.BatchUnitsSide, Columns = scale.BatchUnitsSide, Initialization = SomInitialization.Random, TileSize = 8192,
        };
        using var images = rand(scale.BatchSamples, scale.BatchDim);
        using var batchMap = new SelfOrganizingMap(batch, scale.BatchDim);
        batchMap.Initialize(images);
        var batchSeconds = Median(repetitions, () => batchMap.Train(images, 1));
        var units = (double)scale.BatchUnitsSide * scale.BatchUnitsSide;
        // Winner search x.W^T, the neighbourhood products H.S and H.c, the per-unit sums.
        var gflop = (2.0 * scale.BatchSamples * scale.BatchDim * units + 2.0 * units * units * (scale.BatchDim + 1) + (double)scale.BatchSamples * scale.BatchDim) / 1e9;
        return new SomBenchmarkReport(scale, updatesPerSecond, 100_000 / updatesPerSecond, new BenchmarkResult("som_batch_epoch", batchSeconds, gflop));
    }

    private static double Median(int repetitions, Action action)
    {
        action(); // warm-up
        var times = new double[Math.Max(1, repetitions)];
        for (var i = 0; i < times.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
