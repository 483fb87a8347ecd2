using System.Globalization;
using Adversa.Bench;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary>Where the benchmark ran: the figures every other one is read against.</summary>
/// <param name="Processor">Vendor and model.</param>
/// <param name="Isa">The oneDNN ISA cap in force.</param>
/// <param name="GemmFp32Gflops">fp32 matrix-product ceiling.</param>
/// <param name="GemmBf16Gflops">bf16 matrix-product ceiling.</param>
/// <param name="Threads">libtorch's threads.</param>
internal sealed record BenchMachine(string Processor, string Isa, double GemmFp32Gflops, double GemmBf16Gflops, int Threads);

/// <summary>The benchmark's tables and JSON.</summary>
internal static class BenchTables
{
    /// <summary>One JSON object: the machine at the top level, then each part measured.</summary>
    public static Dictionary<string, object> Json(BenchMachine machine, IReadOnlyList<PresetTiming>? presets, BenchmarkReport? gan, SomBenchmarkReport? som)
    {
        var fields = new Dictionary<string, object>
        {
            ["processor"] = machine.Processor,
            ["isa"] = machine.Isa,
            ["threads"] = machine.Threads,
            ["gemm_fp32_gflops"] = machine.GemmFp32Gflops,
            ["gemm_bf16_gflops"] = machine.GemmBf16Gflops,
        };
        if (presets is not null)
            fields["presets"] = presets.ToDictionary(p => p.Name, p => (object)new
            {
                fp32_its = p.Fp32Its,
                bf16_its = p.Bf16Its,
                bare_its = p.BareIts,
                overhead_with_epoch_ends = p.OverheadWithEpochEnds,
                epoch_end_seconds = p.EpochEndSeconds,
                random_stand_in_data = p.StandIn,
                gflop_per_step = p.Work?.GflopPerStep,
                fp32_fraction_of_ceiling = p.Fp32FractionOf(machine.GemmFp32Gflops),
                bf16_fraction_of_ceiling = p.Bf16FractionOf(machine.GemmBf16Gflops),
            });
        if (gan is not null)
            fields["gan"] = new
            {
                scale = new { matrix_size = gan.Scale.MatrixSize, width = gan.Scale.Width, latent_dim = gan.Scale.LatentDim, batch_size = gan.Scale.BatchSize, repetitions = gan.Scale.Repetitions },
                matmul = Result(gan.MatrixProduct),
                bare_iteration = Result(gan.BareIteration),
                trainer_iteration = Result(gan.TrainerIteration),
                bare_fraction_of_ceiling = gan.BareFractionOfCeiling,
                trainer_fraction_of_ceiling = gan.TrainerFractionOfCeiling,
                trainer_overhead = gan.TrainerOverhead,
            };
        if (som is not null)
            fields["som"] = new
            {
                online_units = som.Scale.OnlineUnitsSide * som.Scale.OnlineUnitsSide,
                online_dim = som.Scale.OnlineDim,
                online_updates_per_second = som.OnlineUpdatesPerSecond,
                seed_run_seconds = som.SeedRunSeconds,
                batch_units = som.Scale.BatchUnitsSide * som.Scale.BatchUnitsSide,
                batch_samples = som.Scale.BatchSamples,
                batch_dim = som.Scale.BatchDim,
                batch_epoch = Result(som.BatchEpoch),
            };
        return fields;
    }

    /// <summary>The machine line and a table per part measured.</summary>
    public static void Print(TextWriter output, BenchMachine machine, IReadOnlyList<PresetTiming>? presets, BenchmarkReport? gan, SomBenchmarkReport? som)
    {
        output.WriteLine($"processor: {machine.Processor}; oneDNN ISA cap: {machine.Isa}; {machine.Threads} threads");
        output.WriteLine($"matrix-product ceiling: fp32 {F(machine.GemmFp32Gflops, "F1")} GFLOP/s, bf16 {F(machine.GemmBf16Gflops, "F1")} GFLOP/s");
        var console = ConsoleOutput.For(output);
        if (presets is not null)
        {
            var table = new Table().AddColumns("preset", "fp32 it/s", "bf16 it/s", "bare step it/s", "overhead with epoch ends", "epoch end (s)", "GFLOP/step", "fp32 of ceiling", "bf16 of ceiling");
            static string Percent(double? fraction) => fraction is { } f ? F(f * 100, "F1") + "%" : "-";
            foreach (var p in presets)
                table.AddRow(p.Name + (p.StandIn ? " (random stand-in data)" : ""), F(p.Fp32Its, "F2"), F(p.Bf16Its, "F2"), F(p.BareIts, "F2"),
                    F(p.OverheadWithEpochEnds * 100, "F1") + "%", Markup.Escape(string.Join(", ", p.EpochEndSeconds.Where(e => e.Value >= 0.005).Select(e => $"{e.Key.Replace("Writer", "")} {F(e.Value, "F2")}"))),
                    p.Work is { } work ? F(work.GflopPerStep, "F2") : "-", Percent(p.Fp32FractionOf(machine.GemmFp32Gflops)), Percent(p.Bf16FractionOf(machine.GemmBf16Gflops)));
            table.Caption("whole epochs into a run directory (every output written) against the step alone; GFLOP/step: the convolutions oneDNN executed in one step (all passes), against each ceiling at the whole-epoch rate");
            console.Write(table);
        }
        if (gan is not null)
        {
            var table = new Table().AddColumns("seed-000 DCGAN step", "seconds", "GFLOP", "GFLOP/s", "of fp32 ceiling");
            foreach (var (result, fraction) in new[] { (gan.MatrixProduct, 1.0), (gan.BareIteration, gan.BareFractionOfCeiling), (gan.TrainerIteration, gan.TrainerFractionOfCeiling) })
                table.AddRow(result.Name, F(result.SecondsPerRun, "F4"), F(result.Gflop, "F1"), F(result.GflopPerSecond, "F1"), F(fraction * 100, "F1") + "%");
            table.Caption($"the trainer's step over bare TorchSharp: {F(gan.TrainerOverhead * 100, "F1")}%");
            console.Write(table);
        }
        if (som is not null)
        {
            var s = som.Scale;
            var table = new Table().AddColumns("SOM measurement", "value");
            table.AddRow($"online updates per second ({s.OnlineUnitsSide}x{s.OnlineUnitsSide} units, {s.OnlineDim}-d)", F(som.OnlineUpdatesPerSecond, "N0"));
            table.AddRow("seed 000's 1,000 epochs x 100 faces at that rate", F(som.SeedRunSeconds, "F2") + " s");
            table.AddRow($"batch-map epoch ({s.BatchUnitsSide}x{s.BatchUnitsSide} units, {s.BatchSamples:N0} x {s.BatchDim})", F(som.BatchEpoch.SecondsPerRun, "F3") + " s");
            table.AddRow("batch-map GFLOP/s", F(som.BatchEpoch.GflopPerSecond, "F1"));
            console.Write(table);
        }
    }

    private static object Result(BenchmarkResult result) => new { seconds = result.SecondsPerRun, gflop = result.Gflop, gflop_per_second = result.GflopPerSecond };

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
