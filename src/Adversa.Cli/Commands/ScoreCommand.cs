using System.CommandLine;
using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Imaging;
using Adversa.Runtime;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary>
/// Seed 003's critic as a classifier: <c>adversa score RUN --data D --out scores.csv</c> scores every image, and
/// <c>adversa score-report scores.csv</c> draws the per-class histograms and tabulates pairwise ROC AUC.
/// </summary>
public static class ScoreCommand
{
    /// <summary>Builds <c>adversa score</c>.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var data = new Option<string>("--data") { Description = "Images to score: a data-set name (shapes-test for seed 003) or path.", Required = true };
        var outPath = new Option<string>("--out") { Description = "CSV file to write: image,label,class,score.", Required = true };
        var seed = new Option<long?>("--seed") { Description = "Seed of generated data sets (default: the run's)." };
        var epoch = new Option<int?>("--epoch") { Description = "Score with the critic kept at this epoch (checkpoint_every) instead of the last." };
        var command = new Command("score", "Score images with a run's critic (seed 003: the critic as a classifier).") { runDirectory, data, outPath, seed, epoch };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            OutputPath.CheckFile(target, "out");
            using var critic = TrainedCritic.Load(parse.GetValue(runDirectory)!, parse.GetValue(epoch));
            var scores = critic.Score(DataSource.Resolve(parse.GetValue(data)!), parse.GetValue(seed) ?? critic.Config.Seed);
            ScoreFile.Save(target, scores);
            output.WriteLine($"wrote {target}: {scores.Count} scores from the critic after {critic.CompletedEpochs} epochs");
            return 0;
        });
        return command;
    }

    /// <summary>Builds <c>adversa score-report</c>.</summary>
    public static Command CreateReport(TextWriter output)
    {
        var scoresPath = new Argument<string>("scores") { Description = "A CSV written by adversa score." };
        var reference = new Option<string?>("--reference") { Description = "Class (name or index) whose mean is moved to 0 (default: the first)." };
        var outDirectory = new Option<string?>("--out") { Description = "Folder for score_histogram.png and separation.csv (default: beside the scores)." };
        var command = new Command("score-report", "Per-class score histograms and pairwise ROC AUC of critic scores.") { scoresPath, reference, outDirectory };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(scoresPath)!;
            var separation = ScoreSeparation.Of(ScoreFile.Load(path), parse.GetValue(reference));
            var folder = parse.GetValue(outDirectory) ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
            OutputPath.CheckDirectory(folder, "out");
            Directory.CreateDirectory(folder);
            var stem = Path.GetFileNameWithoutExtension(path);
            var histogramPath = Path.Combine(folder, $"{stem}_histogram.png");
            var tablePath = Path.Combine(folder, $"{stem}_separation.csv");
            AtomicFile.WriteAllBytes(histogramPath, ScoreHistogram.ToPng(separation));
            AtomicFile.WriteAllText(tablePath, separation.AucCsv());
            Print(output, separation);
            output.WriteLine($"wrote {histogramPath} and {tablePath}");
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, ScoreSeparation separation)
    {
        var console = ConsoleOutput.For(output);
        var classes = new Table().AddColumn("class").AddColumn(new TableColumn("images").RightAligned())
            .AddColumn(new TableColumn("mean (shifted)").RightAligned()).AddColumn(new TableColumn("std").RightAligned());
        foreach (var c in separation.Classes)
            classes.AddRow(Markup.Escape(c.ClassName), c.Count.ToString(CultureInfo.InvariantCulture),
                c.Mean.ToString("F3", CultureInfo.InvariantCulture), c.Std.ToString("F3", CultureInfo.InvariantCulture));
        console.Write(classes);
        var separated = separation.SeparatedPairs.ToHashSet();
        var n = separation.ClassNames.Count;
        var unseparated = new Table().AddColumn("pair not separated").AddColumn(new TableColumn("AUC").RightAligned());
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (!separated.Contains((i, j)))
                    unseparated.AddRow(Markup.Escape($"{separation.ClassNames[i]} vs {separation.ClassNames[j]}"), separation.Auc[i, j].ToString("F3", CultureInfo.InvariantCulture));
        if (unseparated.Rows.Count > 0)
            console.Write(unseparated);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{separated.Count} of {n * (n - 1) / 2} class pairs separated (ROC AUC <= {0.5 - ScoreSeparation.SeparatedAucMargin:F1} or >= {0.5 + ScoreSeparation.SeparatedAucMargin:F1}); scores shifted so that {separation.Reference} has mean 0"));
    }
}
