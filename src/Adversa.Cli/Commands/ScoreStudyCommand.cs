using System.CommandLine;
using System.Globalization;
using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa score-study [PRESET]</c>: seed 003's analysis in one command. Per seed, one run that keeps its critic
/// after each chosen epoch count (reused, or resumed, when the study's folder already holds it); each critic scores
/// the independent shapes test set; histograms, the separation table and one page.
/// </summary>
public static class ScoreStudyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var preset = new Argument<string>("preset") { Description = "The preset to train (default: wgan-gp-shapes, seed 003's task at demonstration size).", DefaultValueFactory = _ => "wgan-gp-shapes" };
        var epochs = new Option<string>("--epochs") { Description = "Epoch counts at which to score, comma-separated.", DefaultValueFactory = _ => string.Join(",", ScoreStudy.SeedEpochs) };
        var seeds = new Option<string>("--seeds") { Description = "Seeds, one run each, comma-separated.", DefaultValueFactory = _ => "1,2" };
        var scored = new Option<string>("--score-data") { Description = "Images to score (generated sets are drawn with each run's seed).", DefaultValueFactory = _ => "shapes-test" };
        var reference = new Option<string>("--reference") { Description = "Class whose mean score is subtracted.", DefaultValueFactory = _ => ScoreStudy.SeedReference };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: one per core)." };
        var shared = new ConfigurationOptions();
        var command = new Command("score-study", "Seed 003's analysis: train (or reuse) runs that keep their critics at chosen epochs, score the test classes, tabulate which pairs separate.")
        {
            preset, epochs, seeds, scored, reference, threads, shared.Data, shared.Out, shared.Device, shared.ConfigFile, shared.Settings,
        };
        command.SetAction(parse => TrainingProgress.Interruptible(cancellation =>
        {
            var presetName = parse.GetValue(preset)!;
            var config = shared.Resolve(parse, PresetCatalog.Get(presetName).Config, c => c with
            {
                Data = parse.GetValue(shared.Data) ?? c.Data,
                Device = parse.GetValue(shared.Device) ?? c.Device,
                Threads = parse.GetValue(threads) ?? c.Threads,
            });
            var folder = parse.GetValue(shared.Out) ?? Path.Combine("runs", $"score-study-{presetName}");
            OutputPath.CheckDirectory(folder, "out");
            var study = new ScoreStudy(config, ParseList(parse.GetValue(epochs)!, "epochs", int.Parse), ParseList(parse.GetValue(seeds)!, "seeds", long.Parse),
                folder, parse.GetValue(scored)!, parse.GetValue(reference)!);
            var points = new List<ScoreStudyPoint>();
            foreach (var seed in study.Seeds)
            {
                if (study.PrepareRun(seed) is { } trainer)
                    using (trainer)
                    {
                        output.WriteLine($"seed {seed}: training {presetName} into {study.RunDirectory(seed)} to epoch {study.Config.Epochs} (from epoch {trainer.CompletedEpochs}), keeping checkpoints every {study.Config.CheckpointEvery}");
                        TrainingProgress.Show(trainer, output, cancellation);
                    }
                else
                    output.WriteLine($"seed {seed}: reusing the complete run in {study.RunDirectory(seed)}");
                points.AddRange(study.Score(seed));
            }
            study.WriteSummary(points);
            Print(output, new ScoreStudyReport(presetName, study.Data, points));
            output.WriteLine($"wrote {study.PagePath}, {study.SeparationCsvPath} and per seed and epoch scores.csv, histogram.png, zoom.png, auc.csv under {folder}");
            return 0;
        }));
        return command;
    }

    private static void Print(TextWriter output, ScoreStudyReport report)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in report.SummaryHeader)
            table.AddColumn(Markup.Escape(name));
        foreach (var row in report.SummaryRows())
            table.AddRow([.. row.Select(Markup.Escape)]);
        var console = ConsoleOutput.For(output);
        console.Write(table);
        var unseparated = report.Unseparated(report.Epochs[^1]);
        console.WriteLine(unseparated.Count == 0 ? $"after {report.Epochs[^1]} epochs every pair is separated by some seed"
            : $"after {report.Epochs[^1]} epochs separated by no seed: {string.Join("; ", unseparated.Select(p => $"{p.First} / {p.Second}"))}");
    }

    private static IReadOnlyList<T> ParseList<T>(string text, string option, Func<string, IFormatProvider, T> parse)
    {
        try
        {
            return [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(item => parse(item, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new InvalidInputException(option, text, "a comma-separated list of integers, e.g. 10,20,100");
        }
    }
}
