using System.Globalization;
using System.Text.Json;
using Adversa.Bench;
using Adversa.Runtime;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa bench --part quality</c>: each quick preset trained for its budget, what it draws measured against the real-data floor.</summary>
internal static class QualityPart
{
    /// <summary>Trains and measures <paramref name="presets"/> (names the caller has checked; default: the demonstration and every quick preset), then prints the table or JSON.</summary>
    public static void Run(TextWriter output, IReadOnlyList<string>? presets, bool brief, string? keep, bool asJson)
    {
        var names = presets ?? QualityBenchmark.Presets;
        Action<string>? progress = asJson ? null : line => output.WriteLine($"quality: {line}");
        var scale = brief ? QualityBenchmarkScale.Brief : QualityBenchmarkScale.Full;
        var results = names.Select(name => QualityBenchmark.Measure(name, scale, keep, progress)).ToList();
        var processor = Processor.Describe();
        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                processor,
                scale = brief ? "short" : "full",
                presets = results.ToDictionary(r => r.Name, r => new
                {
                    iterations = r.Iterations,
                    training_seconds = r.TrainingSeconds,
                    its = r.ItsPerSecond,
                    fid = r.Generated.Fid,
                    fid_floor = r.Floor.Fid,
                    kid = r.Generated.KidMean,
                    kid_floor = r.Floor.KidMean,
                    precision = r.Generated.Precision,
                    recall = r.Generated.Recall,
                    class_accuracy = r.Generated.ClassAccuracy,
                    intra_fid = r.Generated.IntraFid,
                    samples = r.Generated.Samples,
                    feature_network = r.Generated.FeatureNetwork,
                    run_directory = r.RunDirectory,
                }),
            }, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        static string F(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
        var table = new Table().AddColumns("preset", "steps", "minutes", "it/s", "FID", "floor", "KID", "precision", "recall", "class accuracy");
        foreach (var r in results)
            table.AddRow(r.Name, r.Iterations.ToString(CultureInfo.InvariantCulture), F(r.TrainingSeconds / 60, "F1"), F(r.ItsPerSecond, "F2"),
                F(r.Generated.Fid, "F1"), F(r.Floor.Fid, "F2"), F(r.Generated.KidMean, "G4"), F(r.Generated.Precision, "F3"), F(r.Generated.Recall, "F3"), F(r.Generated.ClassAccuracy, "F3"));
        table.Caption(Markup.Escape($"{(brief ? "short form (2 epochs of 5 steps; figures meaningless)" : "each preset's whole budget")}; {scale.Samples} images against each data set's test split, its built-in classifier's features; floor: {scale.Samples} real training images measured the same way"));
        output.WriteLine($"processor: {processor}");
        ConsoleOutput.For(output).Write(table);
    }
}
