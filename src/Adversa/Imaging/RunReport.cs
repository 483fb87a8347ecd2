using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Imaging;

/// <summary>
/// report.html: one self-contained page per run (every image a data: URI, no script or style from the network)
/// built from the files of the run directory, so that it can be rebuilt at any time: configuration, loss curves
/// (raw and smoothed, iteration axis with epoch ticks), penalty and Wasserstein estimate, grids at chosen epochs,
/// the latest grid large, metrics, timing and environment. A small inline script counts the images that decoded
/// and writes the count into the page (data-images-decoded on body), which the browser test reads.
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
        var config = TrainingConfig.FromJson(File.ReadAllText(layout.ConfigPath));
        var losses = File.Exists(layout.LossesCsvPath) ? LossLog.Read(layout.LossesCsvPath) : [];
        var times = EpochTimes.Read(layout.EpochsCsvPath);
        var completed = layout.SampleGridPaths(config.Epochs).Count;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode($"Adversa run {Path.GetFileName(Path.GetFullPath(runDirectory))}")).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
            .Append("img{max-width:100%;image-rendering:pixelated}figure{display:inline-block;margin:0.5em;text-align:center}.large{width:800px;max-width:100%}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(Encode($"{config.Preset} — {Path.GetFullPath(runDirectory)}")).Append("</h1>");
        html.Append("<p>").Append(Encode(string.Create(CultureInfo.InvariantCulture, $"{completed} of {config.Epochs} epochs, {losses.Count} iterations; report built {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC"))).Append("</p>");

        Section(html, "Losses");
        if (losses.Count > 0)
        {
            Image(html, ReportPlots.Losses(losses, times), "losses", "loss curves");
            if (losses.Any(r => r.Penalty.HasValue || r.WassersteinEstimate.HasValue))
                Image(html, ReportPlots.CriticTerms(losses, times), "critic terms", "penalty and Wasserstein estimate");
        }
        else
            html.Append("<p>No iterations yet.</p>");

        Section(html, "Samples");
        if (completed > 0)
        {
            html.Append("<p>The fixed latent batch at chosen epochs (seed 004's figure: epochs 1, 2, 4, 10, 50, 100 or the same fractions of this run).</p><div>");
            foreach (var epoch in ChosenEpochs(completed, config.Epochs))
                Figure(html, File.ReadAllBytes(layout.SampleGridPath(epoch)), $"epoch {epoch}", "");
            html.Append("</div><h3>Latest grid</h3>");
            Figure(html, File.ReadAllBytes(layout.SampleGridPath(completed)), $"epoch {completed}", "large");
        }

        MetricsSection(html, layout);
        TimingSection(html, times);
        Section(html, "Configuration");
        Table(html, JsonDocument.Parse(config.ToJson()).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
        Section(html, "Environment");
        Table(html,
        [
            ("Adversa", typeof(RunReport).Assembly.GetName().Version?.ToString() ?? "?"),
            ("TorchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?"),
            (".NET", RuntimeInformation.FrameworkDescription),
            ("OS", RuntimeInformation.OSDescription),
            ("processors", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("libtorch threads", TorchSharp.torch.get_num_threads().ToString(CultureInfo.InvariantCulture)),
            ("device", config.Device),
            ("oneDNN ISA cap", NativeRuntimeSettings.EffectiveIsa ?? "unset"),
        ]);
        html.Append("<script>addEventListener('load',function(){var all=document.images,ok=0;for(var i=0;i<all.length;i++){if(all[i].complete&&all[i].naturalWidth>0)ok++;}")
            .Append("document.body.setAttribute('data-images-decoded',ok+'/'+all.length);});</script></body></html>");
        AtomicFile.WriteAllText(layout.ReportPath, html.ToString());
        return layout.ReportPath;
    }

    private static void MetricsSection(StringBuilder html, RunLayout layout)
    {
        var rows = File.Exists(layout.MetricsCsvPath) ? File.ReadAllLines(layout.MetricsCsvPath) : [];
        if (rows.Length < 2 && !File.Exists(layout.EvaluationPath))
            return;
        Section(html, "Metrics");
        if (rows.Length >= 2)
        {
            var header = Csv.Split(rows[0]);
            html.Append("<table><tr>");
            foreach (var name in header)
                html.Append("<th>").Append(Encode(name)).Append("</th>");
            html.Append("</tr>");
            foreach (var row in rows.Skip(1))
            {
                html.Append("<tr>");
                foreach (var field in Csv.Split(row))
                    html.Append("<td>").Append(Encode(field)).Append("</td>");
                html.Append("</tr>");
            }
            html.Append("</table>");
            Image(html, ReportPlots.Metrics(header, [.. rows.Skip(1).Select(Csv.Split)]), "metrics", "metrics over epochs");
        }
        if (File.Exists(layout.EvaluationPath))
        {
            html.Append("<h3>adversa evaluate</h3>");
            Table(html, JsonDocument.Parse(File.ReadAllText(layout.EvaluationPath)).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ToString())));
        }
    }

    private static void TimingSection(StringBuilder html, List<EpochTime> times)
    {
        if (times.Count == 0)
            return;
        Section(html, "Timing");
        var last = times[^1];
        Table(html,
        [
            ("training wall time", TimeSpan.FromSeconds(last.Seconds).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)),
            ("iterations per second", (last.Iteration / Math.Max(last.Seconds, 1e-9)).ToString("F2", CultureInfo.InvariantCulture)),
            ("seconds per epoch (last)", (times.Count > 1 ? last.Seconds - times[^2].Seconds : last.Seconds).ToString("F1", CultureInfo.InvariantCulture)),
            ("last epoch ended", last.FinishedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
        ]);
    }

    private static void Section(StringBuilder html, string title) => html.Append("<h2>").Append(Encode(title)).Append("</h2>");

    private static void Table(StringBuilder html, IEnumerable<(string Key, string Value)> rows)
    {
        html.Append("<table>");
        foreach (var (key, value) in rows)
            html.Append("<tr><th>").Append(Encode(key)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        html.Append("</table>");
    }

    private static void Image(StringBuilder html, byte[] png, string alt, string caption) => Figure(html, png, caption, "", alt);

    private static void Figure(StringBuilder html, byte[] png, string caption, string cssClass, string? alt = null) =>
        html.Append("<figure><img").Append(cssClass.Length > 0 ? $" class=\"{cssClass}\"" : "")
            .Append(" alt=\"").Append(Encode(alt ?? caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
            .Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption></figure>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
