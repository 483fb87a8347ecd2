using System.Globalization;
using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// report.html of a GAN run, built from the files of its run directory alone (so that it can be rebuilt at any
/// time): loss curves (raw and smoothed, iteration axis with epoch ticks), penalty and Wasserstein estimate,
/// grids at chosen epochs, the latest grid large, metrics, timing, configuration and environment.
/// </summary>
public static class RunReport
{
    /// <summary>Seed 004's figure shows these epochs; shorter runs show the same fractions of their length.</summary>
    public static readonly int[] FigureEpochs = [1, 2, 4, 10, 50, 100];

    /// <summary>The epochs whose grids the report shows, for a run of <paramref name="completedEpochs"/> epochs out of <paramref name="plannedEpochs"/>.</summary>
    public static IReadOnlyList<int> ChosenEpochs(int completedEpochs, int plannedEpochs)
    {
        if (completedEpochs < 1)
            return [];
        var chosen = plannedEpochs >= 100
            ? FigureEpochs.Where(e => e <= completedEpochs)
            : FigureEpochs.Select(e => Math.Max(1, (int)Math.Round(e / 100.0 * plannedEpochs))).Where(e => e <= completedEpochs);
        return [.. chosen.Append(completedEpochs).Distinct().Order()];
    }

    /// <summary>Rebuilds report.html in <paramref name="runDirectory"/> (atomically) and returns its path.</summary>
    public static string Write(string runDirectory)
    {
        var layout = new RunLayout(runDirectory);
        if (!File.Exists(layout.ConfigPath))
            throw new InvalidInputException($"{runDirectory}: not a run directory (no config.json)");
        var config = InputFile.Parse(layout.ConfigPath, "run configuration", TrainingConfig.FromJson);
        var losses = File.Exists(layout.LossesCsvPath) ? LossLog.Read(layout.LossesCsvPath) : [];
        var times = EpochTimes.Read(layout.EpochsCsvPath);
        var completed = layout.SampleGridPaths(config.Epochs).Count;
        var report = new HtmlReport($"{config.Preset} — {Path.GetFullPath(runDirectory)}")
            .Paragraph(string.Create(CultureInfo.InvariantCulture, $"{completed} of {config.Epochs} epochs, {losses.Count} iterations; report built {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"));

        report.Section("Losses");
        if (losses.Count > 0)
        {
            report.Figure(ReportPlots.Losses(losses, times), "loss curves");
            if (LossPlot.ScalarNames(losses).Count > 0)
                report.Figure(ReportPlots.CriticTerms(losses, times), string.Join(" and ", LossPlot.ScalarNames(losses).Select(LossPlot.Label)));
        }
        else
            report.Paragraph("No iterations yet.");

        report.Section("Samples");
        if (completed > 0)
        {
            report.Paragraph("The fixed latent batch at chosen epochs (seed 004's figure: epochs 1, 2, 4, 10, 50, 100 or the same fractions of this run).").BeginRow();
            foreach (var epoch in ChosenEpochs(completed, config.Epochs))
                report.Figure(File.ReadAllBytes(layout.SampleGridPath(epoch)), $"epoch {epoch}");
            report.EndRow().Subsection("Latest grid").Figure(File.ReadAllBytes(layout.SampleGridPath(completed)), $"epoch {completed}", large: true);
        }

        AddMetrics(report, layout);
        AddTiming(report, times);
        report.Section("Configuration").Table(HtmlReport.JsonEntries(config.ToJson())).Environment(config.Device);
        AtomicFile.WriteAllText(layout.ReportPath, report.ToString());
        return layout.ReportPath;
    }

    private static void AddMetrics(HtmlReport report, RunLayout layout)
    {
        var rows = File.Exists(layout.MetricsCsvPath) ? File.ReadAllLines(layout.MetricsCsvPath) : [];
        if (rows.Length < 2 && !File.Exists(layout.EvaluationPath))
            return;
        report.Section("Metrics");
        if (rows.Length >= 2)
        {
            var header = Csv.Split(rows[0]);
            var data = rows.Skip(1).Select(Csv.Split).Where(r => r.Count == header.Count).ToList();
            report.Grid(header, data).Figure(InputFile.Parse(layout.MetricsCsvPath, "metrics file", _ => ReportPlots.Metrics(header, data)), "metrics over epochs");
        }
        if (File.Exists(layout.EvaluationPath))
            report.Subsection("adversa evaluate").Table(InputFile.Parse(layout.EvaluationPath, "evaluation file", HtmlReport.JsonEntries));
    }

    private static void AddTiming(HtmlReport report, List<EpochTime> times)
    {
        if (times.Count == 0)
            return;
        var last = times[^1];
        report.Section("Timing").Table(
        [
            ("training wall time", TimeSpan.FromSeconds(last.Seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)),
            ("iterations per second", (last.Iteration / Math.Max(last.Seconds, 1e-9)).ToString("F2", CultureInfo.InvariantCulture)),
            ("seconds per epoch (last)", (times.Count > 1 ? last.Seconds - times[^2].Seconds : last.Seconds).ToString("F1", CultureInfo.InvariantCulture)),
            ("last epoch ended", last.FinishedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        ]);
    }
}
