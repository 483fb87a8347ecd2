using System.Diagnostics;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>The machine's practical ceiling: GFLOP/s of a square matrix product in a number format.</summary>
public static class Ceiling
{
    /// <summary>The best of <paramref name="repetitions"/> products of two <paramref name="size"/> x <paramref name="size"/> matrices of <paramref name="type"/>, after one warm-up.</summary>
    public static double MatrixProductGflops(int size, ScalarType type, int repetitions = 5)
    {
        using var a = randn(size, size).to(type);
        using var b = randn(size, size).to(type);
        matmul(a, b).Dispose();
        var best = double.PositiveInfinity;
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            matmul(a, b).Dispose();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * Math.Pow(size, 3) / best / 1e9;
    }
}
