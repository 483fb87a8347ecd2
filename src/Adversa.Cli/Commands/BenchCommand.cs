using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Adversa.Bench;
using Adversa.Runtime;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa bench [--json]</c>: the machine's float32 ceiling, the bare seed-000 DCGAN step, and the trainer's overhead over it.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var scale = new Option<string>("--scale") { Description = "seed (the seed-000 sizes, default) or smoke (seconds, for checking the command works).", DefaultValueFactory = _ => "seed" };
        var part = new Option<string>("--part") { Description = "all (default), gan or som.", DefaultValueFactory = _ => "all" };
        var command = new Command("bench", "Benchmark: matrix-product ceiling, bare DCGAN iteration, the trainer's iteration, SOM throughput.") { json, scale, part };
        command.SetAction(parse =>
        {
            var (chosen, somScale) = parse.GetValue(scale) switch
            {
                "seed" => (BenchmarkScale.Seed, SomBenchmarkScale.Seed),
                "smoke" => (BenchmarkScale.Smoke, SomBenchmarkScale.Smoke),
                var other => throw new InvalidInputException($"--scale {other}: expected seed or smoke"),
            };
            var which = parse.GetValue(part);
            if (which is not ("all" or "gan" or "som"))
                throw new InvalidInputException($"--part {which}: expected all, gan or som");
            var asJson = parse.GetValue(json);
            var report = which == "som" ? null : BenchmarkSuite.Run(chosen, asJson ? null : line => output.WriteLine($"timing: {line}"));
            if (!asJson && which != "gan")
                output.WriteLine($"timing: SOM online training ({somScale.OnlineUnitsSide}x{somScale.OnlineUnitsSide} units, {somScale.OnlineDim}-d) and one batch-map epoch ({somScale.BatchUnitsSide}x{somScale.BatchUnitsSide}, {somScale.BatchSamples} x {somScale.BatchDim})");
            var som = which == "gan" ? null : SomBenchmark.Run(somScale, chosen.Repetitions);
            if (asJson)
            {
                var fields = new Dictionary<string, object>();
                if (report is not null)
                    fields["gan"] = ToJson(report);
                if (som is not null)
                    fields["som"] = ToJson(som);
                output.WriteLine(JsonSerializer.Serialize(fields, new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                var console = ConsoleOutput.For(output);
                if (report is not null)
                    console.Write(ToTable(report));
                if (som is not null)
                    console.Write(ToTable(som));
            }
            return 0;
        });
        return command;
    }

    private static object ToJson(BenchmarkReport r) => new
    {
        threads = r.Threads,
        scale = new { matrix_size = r.Scale.MatrixSize, width = r.Scale.Width, latent_dim = r.Scale.LatentDim, batch_size = r.Scale.BatchSize, repetitions = r.Scale.Repetitions },
        matmul = Result(r.MatrixProduct),
        bare_iteration = Result(r.BareIteration),
        trainer_iteration = Result(r.TrainerIteration),
        bare_fraction_of_ceiling = r.BareFractionOfCeiling,
        trainer_fraction_of_ceiling = r.TrainerFractionOfCeiling,
        trainer_overhead = r.TrainerOverhead,
    };

    private static object ToJson(SomBenchmarkReport som) => new
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

    private static Table ToTable(SomBenchmarkReport som)
    {
        var s = som.Scale;
        var table = new Table().AddColumns("SOM measurement", "value");
        table.AddRow($"online updates per second ({s.OnlineUnitsSide}x{s.OnlineUnitsSide} units, {s.OnlineDim}-d)", F(som.OnlineUpdatesPerSecond, "N0"));
        table.AddRow("seed 000's 1,000 epochs x 100 faces at that rate", F(som.SeedRunSeconds, "F2") + " s");
        table.AddRow($"batch-map epoch ({s.BatchUnitsSide}x{s.BatchUnitsSide} units, {s.BatchSamples:N0} x {s.BatchDim})", F(som.BatchEpoch.SecondsPerRun, "F3") + " s");
        table.AddRow("batch-map GFLOP/s", F(som.BatchEpoch.GflopPerSecond, "F1"));
        return table;
    }

    private static object Result(BenchmarkResult result) => new { seconds = result.SecondsPerRun, gflop = result.Gflop, gflop_per_second = result.GflopPerSecond };

    private static Table ToTable(BenchmarkReport r)
    {
        var table = new Table().AddColumns("measurement", "seconds", "GFLOP", "GFLOP/s", "of ceiling");
        foreach (var (result, fraction) in new[] { (r.MatrixProduct, 1.0), (r.BareIteration, r.BareFractionOfCeiling), (r.TrainerIteration, r.TrainerFractionOfCeiling) })
            table.AddRow(result.Name, F(result.SecondsPerRun, "F4"), F(result.Gflop, "F1"), F(result.GflopPerSecond, "F1"), F(fraction * 100, "F1") + "%");
        table.Caption($"trainer overhead over the bare step: {F(r.TrainerOverhead * 100, "F1")}%  ({r.Threads} threads)");
        return table;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
