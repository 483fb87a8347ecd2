using System.Globalization;
using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>
/// report.html of a SOM run, from its files: final QE/TE and timing, QE and TE over the epochs, the weight
/// grid, U-matrix, hit map, label map and component planes, configuration and environment.
/// </summary>
public static class SomReport
{
    /// <summary>Whether <paramref name="runDirectory"/> holds a SOM run (a saved map).</summary>
    public static bool IsSomRun(string runDirectory) => File.Exists(new SomRunLayout(runDirectory).MapPath);

    /// <summary>Rebuilds report.html in <paramref name="runDirectory"/> (atomically) and returns its path.</summary>
    public static string Write(string runDirectory)
    {
        var layout = new SomRunLayout(runDirectory);
        if (!File.Exists(layout.ConfigPath) || !File.Exists(layout.MetricsPath))
            throw new InvalidInputException($"{runDirectory}: not a SOM run directory (no config.json and metrics.json)");
        var config = InputFile.Parse(layout.ConfigPath, "map configuration", ConfigJson.Deserialize<SomConfig>);
        var report = new HtmlReport($"{config.Preset} — {Path.GetFullPath(runDirectory)}")
            .Paragraph(string.Create(CultureInfo.InvariantCulture, $"A {config.Rows} x {config.Columns} self-organizing map; report built {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"))
            .Section("Quality and timing").Table(InputFile.Parse(layout.MetricsPath, "metrics file", HtmlReport.JsonEntries));
        if (File.Exists(layout.HistoryPath))
            report.Figure(InputFile.Parse(layout.HistoryPath, "history file", _ => QualityPlot(layout.HistoryPath)), "quantization error (left) and topographic error (right) over the epochs");
        report.Section("The map").BeginRow();
        foreach (var (path, caption) in new[]
        {
            (layout.WeightsPath, "unit weights"), (layout.UMatrixPath, "U-matrix"), (layout.HitsPath, "hits per unit"),
            (layout.LabelsPath, "majority label per unit"), (layout.ComponentsPath, "component planes"),
        })
        {
            if (File.Exists(path))
                report.Figure(File.ReadAllBytes(path), caption);
        }
        report.EndRow().Section("Configuration").Table(HtmlReport.JsonEntries(config.ToJson())).Environment(config.Device);
        AtomicFile.WriteAllText(layout.ReportPath, report.ToString());
        return layout.ReportPath;
    }

    private static byte[] QualityPlot(string historyPath)
    {
        var rows = File.ReadAllLines(historyPath).Skip(1).Select(line => line.Split(','))
            .Select(f => f.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var plot = new ScottPlot.Plot();
        var epochs = rows.Select(r => r[0]).ToArray();
        var quantization = plot.Add.Scatter(epochs, rows.Select(r => r[3]).ToArray());
        quantization.LegendText = "quantization error";
        var topographic = plot.Add.Scatter(epochs, rows.Select(r => r[4]).ToArray());
        topographic.LegendText = "topographic error";
        topographic.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "topographic error (fraction)";
        plot.XLabel("epoch");
        plot.YLabel("quantization error");
        plot.ShowLegend();
        using var image = plot.GetImage(900, 380);
        return image.GetImageBytes();
    }
}
