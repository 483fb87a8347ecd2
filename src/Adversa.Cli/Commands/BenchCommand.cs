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
        var command = new Command("bench", "Benchmark: matrix-product ceiling, bare DCGAN iteration, the trainer's iteration.") { json, scale };
        command.SetAction(parse =>
        {
            var chosen = parse.GetValue(scale) switch
            {
                "seed" => BenchmarkScale.Seed,
                "smoke" => BenchmarkScale.Smoke,
                var other => throw new InvalidInputException($"--scale {other}: expected seed or smoke"),
            };
            var asJson = parse.GetValue(json);
            var report = BenchmarkSuite.Run(chosen, asJson ? null : line => output.WriteLine($"timing: {line}"));
            if (asJson)
                output.WriteLine(JsonSerializer.Serialize(ToJson(report), new JsonSerializerOptions { WriteIndented = true }));
            else
                ConsoleOutput.For(output).Write(ToTable(report));
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
