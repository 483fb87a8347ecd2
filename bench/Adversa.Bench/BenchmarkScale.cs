namespace Adversa.Bench;

/// <summary>The sizes a benchmark run uses.</summary>
/// <param name="MatrixSize">Side of the square matrices of the ceiling measurement.</param>
/// <param name="Width">DCGAN width (seed 000: 128, so 1024 channels at 4x4).</param>
/// <param name="LatentDim">Length of z (seed 000: 512 for the faces).</param>
/// <param name="BatchSize">Images per batch (seed 000: 50).</param>
/// <param name="Repetitions">Timed repetitions after one warm-up.</param>
public sealed record BenchmarkScale(int MatrixSize, int Width, int LatentDim, int BatchSize, int Repetitions)
{
    /// <summary>The seed-000 iteration the brief measures: 64x64 grey DCGAN, batch 50.</summary>
    public static BenchmarkScale Seed { get; } = new(2048, 128, 512, 50, 5);

    /// <summary>A seconds-long run that exercises every code path (for tests and smoke checks; its figures mean little).</summary>
    public static BenchmarkScale Smoke { get; } = new(256, 8, 16, 4, 1);
}
