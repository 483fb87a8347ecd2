using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Adversa.Bench;
using Adversa.Bench.Faults;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa bench</c>: the processor and oneDNN's ISA, the fp32 and bf16 matrix-product ceilings; the demonstration
/// and quick presets as users run them (whole epochs, fp32 and bf16) against their bare step; the seed-000 DCGAN step
/// against bare TorchSharp; SOM throughput; and, with <c>--part faults</c>, oneDNN's convolution faults.
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Parts = ["all", "presets", "gan", "som", "faults", "quality"];

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var scale = new Option<string>("--scale") { Description = "seed (the real sizes, default) or smoke (seconds, for checking the command works).", DefaultValueFactory = _ => "seed" };
        var part = new Option<string>("--part") { Description = "all (default: presets, gan, som), presets, gan, som, faults (oneDNN's convolution faults per shape and ISA level), or quality (each quick preset trained for its budget and measured).", DefaultValueFactory = _ => "all" };
        var faultsOutput = new Option<string?>("--faults-output") { Hidden = true, Description = "Child mode of --part faults: run the checks here and write them to this file." };
        var brief = new Option<bool>("--short") { Description = "--part quality: two epochs of five steps per preset and 500 images measured (checks the command; figures meaningless)." };
        var presetNames = new Option<string?>("--presets") { Description = "--part presets or quality: the presets to time or to train and measure, comma-separated (default: the demonstration and every quick preset)." };
        var countSteps = new Option<string?>("--count-step-work") { Hidden = true, Description = "Child mode of --part presets: run the counted steps of this preset under ONEDNN_VERBOSE." };
        var keep = new Option<string?>("--keep") { Description = "--part quality: keep each run in this folder (FOLDER/PRESET) instead of deleting it." };
        var command = new Command("bench", "Benchmarks: ceilings, presets as users run them, the DCGAN step, SOM throughput; oneDNN's faults; what the quick presets draw.")
            { json, scale, part, faultsOutput, brief, presetNames, keep, countSteps };
        command.SetAction(parse =>
        {
            var which = parse.GetValue(part)!;
            if (!Parts.Contains(which))
                throw new InvalidInputException("part", which, $"expected one of: {string.Join(", ", Parts)}");
            var smoke = parse.GetValue(scale) switch
            {
                "seed" => false,
                "smoke" => true,
                var other => throw new InvalidInputException("scale", other, "expected seed or smoke"),
            };
            var asJson = parse.GetValue(json);
            var presetScale = smoke ? PresetBenchmarkScale.Smoke : PresetBenchmarkScale.Seed;
            if (parse.GetValue(countSteps) is { } counted)
            {
                PresetBenchmark.CountStepWorkHere(counted, presetScale);
                return 0;
            }
            var named = parse.GetValue(presetNames)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var name in named ?? [])
                PresetCatalog.Get(name);
            if (which == "quality")
            {
                QualityPart.Run(output, named, parse.GetValue(brief), parse.GetValue(keep), asJson);
                return 0;
            }
            if (which == "faults")
            {
                if (parse.GetValue(faultsOutput) is { } results)
                    FaultReproducer.RunHere(smoke ? FaultScale.Smoke : FaultScale.Full, results);
                else
                    FaultsPart.Run(output, parse.GetValue(scale)!, asJson);
                return 0;
            }
            Action<string>? progress = asJson ? null : line => output.WriteLine($"timing: {line}");
            var ganScale = smoke ? BenchmarkScale.Smoke : BenchmarkScale.Seed;
            var machine = new BenchMachine(Processor.Describe(), NativeRuntimeSettings.EffectiveIsa ?? "ALL (oneDNN's own choice)",
                Ceiling.MatrixProductGflops(ganScale.MatrixSize, ScalarType.Float32), Ceiling.MatrixProductGflops(ganScale.MatrixSize, ScalarType.BFloat16), get_num_threads());
            var presets = which is "all" or "presets"
                ? (named ?? PresetBenchmark.Presets).Select(name => PresetBenchmark.Measure(name, presetScale, progress, preset => Child("--count-step-work", preset, "--scale", parse.GetValue(scale)!))).ToList()
                : null;
            var gan = which is "all" or "gan" ? BenchmarkSuite.Run(ganScale, progress) : null;
            SomBenchmarkReport? som = null;
            if (which is "all" or "som")
            {
                var somScale = smoke ? SomBenchmarkScale.Smoke : SomBenchmarkScale.Seed;
                progress?.Invoke($"SOM online training ({somScale.OnlineUnitsSide}x{somScale.OnlineUnitsSide} units, {somScale.OnlineDim}-d) and one batch-map epoch");
                som = SomBenchmark.Run(somScale, ganScale.Repetitions);
            }
            if (asJson)
                output.WriteLine(JsonSerializer.Serialize(BenchTables.Json(machine, presets, gan, som), new JsonSerializerOptions { WriteIndented = true }));
            else
                BenchTables.Print(output, machine, presets, gan, som);
            return 0;
        });
        return command;
    }

    // This program again, with the arguments of a child mode.
    internal static ProcessStartInfo Child(params string[] arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            info.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        info.ArgumentList.Add("bench");
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }
}
