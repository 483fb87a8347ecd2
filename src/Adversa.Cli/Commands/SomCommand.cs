using System.CommandLine;
using System.Globalization;
using Adversa.Data;
using Adversa.Runtime;
using Adversa.Som;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa som train PRESET</c> and <c>adversa som map RUN --data ...</c>: self-organizing maps.</summary>
public static class SomCommand
{
    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create(TextWriter output) => new("som", "Train self-organizing maps and project data onto them.")
    {
        CreateTrain(output),
        CreateMap(output),
    };

    private static Command CreateTrain(TextWriter output)
    {
        var preset = new Argument<string>("preset") { Description = "A SOM preset (see adversa som presets)." };
        var shared = new ConfigurationOptions();
        var command = new Command("train", "Train a self-organizing map from a preset.") { preset };
        foreach (var option in shared.All)
            command.Options.Add(option);
        command.SetAction(parse =>
        {
            var presetName = parse.GetValue(preset)!;
            var config = shared.Resolve(parse, SomPresetCatalog.Get(presetName).Config, c => c with
            {
                Data = parse.GetValue(shared.Data) ?? c.Data,
                Seed = parse.GetValue(shared.Seed) ?? c.Seed,
                Device = parse.GetValue(shared.Device) ?? c.Device,
            });
            SomValidation.Validate(config);
            var target = shared.RunDirectory(parse, presetName);
            output.WriteLine($"training {presetName} ({config.Rows}x{config.Columns} {config.Topology}, {config.Algorithm}) into {target}");
            var metrics = Train(config, target, output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done: {metrics.Epochs} epochs over {metrics.Samples} samples in {metrics.TrainSeconds:F2} s ({metrics.UpdatesPerSecond:N0} samples/s); quantization error {metrics.QuantizationError:G5}, topographic error {metrics.TopographicError:P2}"));
            output.WriteLine($"run directory: {target} (map.som, metrics.json, history.csv, units.csv, weights.png, umatrix.png, hits.png, components.png, labels.png)");
            return 0;
        });
        return command;
    }

    private static SomMetrics Train(SomConfig config, string target, TextWriter output) =>
        LongOperation.Run(output, "epochs", report => SomRun.Execute(config, target, (e, total) =>
            report(e.Epoch, total, string.Create(CultureInfo.InvariantCulture, $"eta {e.LearningRate:G3}  sigma {e.Sigma:G3}"))));

    private static Command CreateMap(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa som train." };
        var data = new Option<string>("--data") { Description = "Data-set name or path to project.", Required = true };
        var outPath = new Option<string?>("--out") { Description = "CSV file to write (default: RUN/projection.csv)." };
        var command = new Command("map", "Project data onto a trained map: winner coordinates per sample and, for a labelled run, the predicted label (CSV).") { runDirectory, data, outPath };
        command.SetAction(parse =>
        {
            var run = parse.GetValue(runDirectory)!;
            var target = parse.GetValue(outPath) ?? Path.Combine(run, "projection.csv");
            if (Directory.Exists(run))
                OutputPath.CheckFile(target, "out");
            var projection = SomProjection.Of(run, DataSource.Resolve(parse.GetValue(data)!));
            projection.Save(target);
            var accuracy = projection.Accuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $"; the winner's label matches the sample's for {a:P1}") : "";
            output.WriteLine($"wrote the winners of {projection.Placements.Count} samples to {target}{accuracy}");
            return 0;
        });
        return command;
    }
}
