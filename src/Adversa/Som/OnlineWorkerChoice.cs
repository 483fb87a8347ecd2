using System.Collections.Concurrent;
using System.Diagnostics;

namespace Adversa.Som;

/// <summary>
/// How many threads share the online kernel's per-sample work: measured once per map shape and process, since the
/// answer is the machine's (how fast its cores meet at the per-sample barrier against how fast one core streams the
/// weights), not the map's. The kernel's result does not depend on the choice.
/// </summary>
internal static class OnlineWorkerChoice
{
    private static readonly ConcurrentDictionary<(int Units, int Dim, SomDistance Distance, int MaxWorkers), int> Chosen = new();

    // Below this many weights a sample is a few microseconds of work: shorter than any barrier.
    private const long FewestValuesToShare = 32_768;

    /// <summary>1, or <paramref name="maxWorkers"/> when a trial of both on scratch data finds sharing faster here.</summary>
    public static int For(int units, int dim, SomDistance distance, int maxWorkers)
    {
        maxWorkers = Math.Min(maxWorkers, units / 4);
        if (maxWorkers <= 1 || (long)units * dim < FewestValuesToShare)
            return 1;
        return Chosen.GetOrAdd((units, dim, distance, maxWorkers), key => SamplesPerSecond(key, key.MaxWorkers) > SamplesPerSecond(key, 1) ? key.MaxWorkers : 1);
    }

    // Presents 64 scratch samples twice (the first pass warms the caches and threads) and times the second.
    private static double SamplesPerSecond((int Units, int Dim, SomDistance Distance, int MaxWorkers) shape, int workers)
    {
        const int samples = 64;
        var random = new Random(1);
        var weights = new float[shape.Units * shape.Dim];
        var data = new float[samples * shape.Dim];
        for (var i = 0; i < weights.Length; i++)
            weights[i] = (float)random.NextDouble();
        for (var i = 0; i < data.Length; i++)
            data[i] = (float)random.NextDouble();
        var neighborhood = new float[shape.Units * shape.Units];
        Array.Fill(neighborhood, 0.5f);
        long[] order = [.. Enumerable.Range(0, samples).Select(i => (long)i)];
        using var kernel = new OnlineSomKernel(weights, shape.Units, shape.Dim, shape.Distance, workers);
        kernel.Epoch(data, order, neighborhood, 0.01);
        var clock = Stopwatch.StartNew();
        kernel.Epoch(data, order, neighborhood, 0.01);
        return samples / clock.Elapsed.TotalSeconds;
    }
}
