namespace Adversa.Bench;

/// <summary>One timed measurement.</summary>
/// <param name="Name">What was timed.</param>
/// <param name="SecondsPerRun">Median wall time of one repetition.</param>
/// <param name="Gflop">Floating-point operations per repetition, in GFLOP, counted from layer shapes.</param>
public sealed record BenchmarkResult(string Name, double SecondsPerRun, double Gflop)
{
    /// <summary>Achieved GFLOP/s.</summary>
    public double GflopPerSecond => Gflop / SecondsPerRun;
}

/// <summary>The benchmark's findings: the machine's ceiling, the bare step, the trainer's step, and the ratios between them.</summary>
public sealed record BenchmarkReport(BenchmarkScale Scale, int Threads, BenchmarkResult MatrixProduct, BenchmarkResult BareIteration, BenchmarkResult TrainerIteration)
{
    /// <summary>The bare step's share of the matrix-product ceiling.</summary>
    public double BareFractionOfCeiling => BareIteration.GflopPerSecond / MatrixProduct.GflopPerSecond;

    /// <summary>The trainer's step's share of the ceiling.</summary>
    public double TrainerFractionOfCeiling => TrainerIteration.GflopPerSecond / MatrixProduct.GflopPerSecond;

    /// <summary>Extra time of the trainer's step over the bare one (0.05 = 5% slower).</summary>
    public double TrainerOverhead => TrainerIteration.SecondsPerRun / BareIteration.SecondsPerRun - 1;
}
