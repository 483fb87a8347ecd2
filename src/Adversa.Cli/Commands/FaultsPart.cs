using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Adversa.Bench;
using Adversa.Bench.Faults;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa bench --part faults</c>: oneDNN's convolution faults on this processor, per shape, pass and ISA level.</summary>
internal static class FaultsPart
{
    /// <summary>The ISA levels checked: oneDNN's own choice, then the caps below it.</summary>
    public static readonly string[] Isas = ["ALL", "AVX512_CORE", "AVX2", "SSE41"];

    /// <summary>Runs the checks in child processes and prints them.</summary>
    public static void Run(TextWriter output, string scaleName, bool asJson)
    {
        var reports = FaultReproducer.Run(Isas, (isa, results) => Child(scaleName, results), asJson ? null : line => output.WriteLine($"faults: {line}"));
        var processor = Processor.Describe();
        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(new { processor, isas = reports }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var console = ConsoleOutput.For(output);
        output.WriteLine($"processor: {processor}");
        foreach (var report in reports)
        {
            string Count(ConvolutionMode mode) =>
                $"{report.Results.Count(r => r.Mode == mode && !r.Outcome.Clean)} of {report.Results.Count(r => r.Mode == mode)}";
            output.WriteLine($"ONEDNN_MAX_CPU_ISA={report.Isa} (oneDNN: {report.DetectedIsa}): faulty checks: plain {Count(ConvolutionMode.Plain)}, guarded {Count(ConvolutionMode.Guarded)}, guarded bf16 {Count(ConvolutionMode.GuardedBf16)}");
        }
        var table = new Table().AddColumns("convolution", "pass", "ISA cap", "plain", "oneDNN implementation", "guarded", "guarded bf16");
        foreach (var report in reports)
            foreach (var plain in report.Results.Where(r => r.Mode == ConvolutionMode.Plain))
            {
                var guarded = report.Results.First(r => r.Mode == ConvolutionMode.Guarded && r.Shape == plain.Shape && r.Pass == plain.Pass);
                var bf16 = report.Results.FirstOrDefault(r => r.Mode == ConvolutionMode.GuardedBf16 && r.Shape == plain.Shape && r.Pass == plain.Pass);
                if (plain.Outcome.Clean && guarded.Outcome.Clean && bf16?.Outcome.Clean != false)
                    continue;
                var implementations = plain.Implementations.Where(i => plain.Pass == ConvolutionPass.Forward || !i.Contains("forward"));
                table.AddRow(Markup.Escape(plain.Shape), plain.Pass.ToString(), report.Isa, Describe(plain.Outcome), Markup.Escape(string.Join("; ", implementations)),
                    Describe(guarded.Outcome), bf16 is null ? "not checked" : Describe(bf16.Outcome));
            }
        table.Caption("checks that are not clean; wrong: beyond 1e-3 of float64; differ: not bit-identical to the first run");
        console.Write(table);
    }

    private static string Describe(CheckOutcome o)
    {
        if (o.Clean)
            return "ok";
        var parts = new List<string>();
        if (o.Wrong > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"wrong {o.Wrong}/{o.Runs} (up to {o.WorstError:0.00})"));
        if (o.NonFinite > 0)
            parts.Add($"NaN {o.NonFinite}/{o.Runs}");
        if (o.Unrepeatable > 0)
            parts.Add($"differ {o.Unrepeatable}/{o.Runs}");
        return string.Join(", ", parts);
    }

    // This program again, as the child that runs the checks under one ISA level.
    private static ProcessStartInfo Child(string scaleName, string resultsPath) =>
        BenchCommand.Child("--part", "faults", "--scale", scaleName, "--faults-output", resultsPath);
}
