using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Adversa.Runtime;
using Adversa.Som;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa som train PRESET</c> and <c>adversa som map RUN --data ...</c>: self-organizing maps.</summary>
public static class SomCommand
{
    /// <summary>Builds the command with its subcommands.</summary>
    public static Command Create(TextWriter output) => new("som", "Train self-organizing maps and project data onto them.")
    {
        CreateTrain(output),
        CreateMap(output),
        CreatePresets(output),
    };

    private static Command CreatePresets(TextWriter output)
    {
        var command = new Command("presets", "List SOM presets.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("preset", "map", "data", "description");
            foreach (var preset in SomPresetCatalog.All)
                table.AddRow(Markup.Escape(preset.Name), Markup.Escape($"{preset.Config.Rows}x{preset.Config.Columns} {preset.Config.Topology}, {preset.Config.Algorithm}"),
                    Markup.Escape(preset.Config.Data), Markup.Escape(preset.Description));
            ConsoleOutput.For(output).Write(table);
            return 0;
        });
        return command;
    }

    private static Command CreateTrain(TextWriter output)
    {
        var preset = new Argument<string>("preset") { Description = "A SOM preset (see adversa som presets)." };
        var data = new Option<string?>("--data") { Description = "Data-set name or path (see adversa datasets)." };
        var outDirectory = new Option<string?>("--out") { Description = "Run directory (default: runs/PRESET, or runs/PRESET-N if taken)." };
        var seed = new Option<long?>("--seed") { Description = "The one seed that makes the run reproducible." };
        var device = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N." };
        var configFile = new Option<string?>("--config") { Description = "A JSON file of key: value settings, applied after the preset." };
        var settings = new Option<string[]>("--set") { Description = "key=value, applied last; repeatable.", AllowMultipleArgumentsPerToken = false };
        var command = new Command("train", "Train a self-organizing map from a preset.") { preset, data, outDirectory, seed, device, configFile, settings };
        command.SetAction(parse =>
        {
            var presetName = parse.GetValue(preset)!;
            var config = SomPresetCatalog.Get(presetName).Config;
            if (parse.GetValue(configFile) is { } file)
                config = ConfigOverrides.ApplyFile(config, file);
            config = config with
            {
                Data = parse.GetValue(data) ?? config.Data,
                Seed = parse.GetValue(seed) ?? config.Seed,
                Device = parse.GetValue(device) ?? config.Device,
            };
            foreach (var assignment in parse.GetValue(settings) ?? [])
                config = ConfigOverrides.ApplyAssignment(config, assignment);
            SomValidation.Validate(config);
            var target = parse.GetValue(outDirectory) ?? RunDirectories.Free(presetName);
            output.WriteLine($"training {presetName} ({config.Rows}x{config.Columns} {config.Topology}, {config.Algorithm}) into {target}");
            var metrics = Train(config, target, output);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done: {metrics.Epochs} epochs over {metrics.Samples} samples in {metrics.TrainSeconds:F2} s ({metrics.UpdatesPerSecond:N0} samples/s); quantization error {metrics.QuantizationError:G5}, topographic error {metrics.TopographicError:P2}"));
            output.WriteLine($"run directory: {target} (map.som, metrics.json, history.csv, weights.png, umatrix.png, hits.png, components.png, labels.png)");
            return 0;
        });
        return command;
    }

    private static SomMetrics Train(SomConfig config, string target, TextWriter output)
    {
        var console = ConsoleOutput.For(output);
        var clock = Stopwatch.StartNew();
        string Status(SomEpoch e, long total)
        {
            var rate = e.Epoch / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            var left = TimeSpan.FromSeconds((total - e.Epoch) / Math.Max(rate, 1e-9));
            return string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}/{total}  eta {e.LearningRate:G3}  sigma {e.Sigma:G3}  {rate:F1} epochs/s  left {left:hh\\:mm\\:ss}");
        }
        if (console.Profile.Capabilities.Interactive)
        {
            SomMetrics? metrics = null;
            console.Progress().Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("loading");
                    metrics = SomRun.Execute(config, target, (e, total) =>
                    {
                        task.MaxValue = total;
                        task.Value = e.Epoch;
                        task.Description = Markup.Escape(Status(e, total));
                    });
                });
            return metrics!;
        }
        var nextReport = 0L;
        return SomRun.Execute(config, target, (e, total) =>
        {
            if (e.Epoch < nextReport && e.Epoch != total)
                return;
            nextReport = e.Epoch + Math.Max(1, total / 10);
            output.WriteLine(Status(e, total));
        });
    }

    private static Command CreateMap(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa som train." };
        var data = new Option<string>("--data") { Description = "Data-set name or path to project.", Required = true };
        var outPath = new Option<string?>("--out") { Description = "CSV file to write (default: RUN/projection.csv)." };
        var command = new Command("map", "Project data onto a trained map: winner coordinates per sample (CSV).") { runDirectory, data, outPath };
        command.SetAction(parse =>
        {
            var layout = new SomRunLayout(parse.GetValue(runDirectory)!);
            if (!Directory.Exists(layout.Root))
                throw new InvalidInputException($"{layout.Root}: run directory not found");
            using var map = SelfOrganizingMap.Load(layout.MapPath);
            using var samples = SomSamples.Load(map.Config with { MaxImages = 0, SampleCount = 0 }, parse.GetValue(data));
            if (samples.Values.shape[1] != map.InputDim)
                throw new InvalidInputException($"--data {parse.GetValue(data)}: samples have {samples.Values.shape[1]} values but the map was trained on {map.InputDim}");
            var (indices, distances) = map.BestTwo(samples.Values, 1);
            var winners = indices.data<long>().ToArray();
            var gaps = distances.data<float>().ToArray();
            indices.Dispose();
            distances.Dispose();
            var labelled = samples.ClassNames.Length > 0;
            var csv = new StringBuilder(labelled ? "index,label,class,unit,row,column,distance\n" : "index,unit,row,column,distance\n");
            for (var i = 0; i < winners.Length; i++)
            {
                var (row, column) = map.Grid.Coordinates((int)winners[i]);
                var label = samples.Labels[i];
                var prefix = labelled ? $"{i},{label},{(label >= 0 && label < samples.ClassNames.Length ? samples.ClassNames[label] : "")}," : $"{i},";
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}{winners[i]},{row},{column},{gaps[i]:R}"));
            }
            var target = parse.GetValue(outPath) ?? Path.Combine(layout.Root, "projection.csv");
            AtomicFile.WriteAllText(target, csv.ToString());
            output.WriteLine($"wrote the winners of {winners.Length} samples to {target}");
            return 0;
        });
        return command;
    }

}
