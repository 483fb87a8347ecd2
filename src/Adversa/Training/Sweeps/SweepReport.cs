using System.Globalization;
using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Training.Sweeps;

/// <summary>A study at a glance: the table of trials (<c>adversa sweep status</c>) and one self-contained page (<c>adversa sweep report</c>).</summary>
public static class SweepReport
{
    /// <summary>The table's header: trial, round, each parameter, state, objective, training seconds, attempts.</summary>
    public static IReadOnlyList<string> Header(SweepFolder folder) =>
        ["trial", "round", .. folder.Study.ParsedParameters.Select(p => p.Key), "state", ConfigEnum.NameOf(folder.Study.Objective), "seconds", "attempts"];

    /// <summary>One row per trial, in trial order.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Rows(SweepFolder folder, IReadOnlyList<Trial> trials) =>
        [.. trials.Select(t => (IReadOnlyList<string>)[
            t.Number.ToString(CultureInfo.InvariantCulture), (t.Round + 1).ToString(CultureInfo.InvariantCulture),
            .. folder.Study.ParsedParameters.Select(p => t.Values[p.Key]),
            ConfigEnum.NameOf(t.State) + (t.Error is null ? "" : $": {t.Error}"),
            t.Objective?.ToString("G6", CultureInfo.InvariantCulture) ?? "",
            t.Seconds?.ToString("F0", CultureInfo.InvariantCulture) ?? "",
            t.Attempts.ToString(CultureInfo.InvariantCulture)])];

    /// <summary>The finished trial with the smallest objective, if any.</summary>
    public static Trial? Best(IReadOnlyList<Trial> trials) =>
        trials.Where(t => t.State == TrialState.Done && t.Objective is { } o && double.IsFinite(o)).MinBy(t => t.Objective);

    /// <summary>
    /// The page: the study, the table, the objective against each parameter (one point per finished trial), and the
    /// best trial's last grid and loss curves.
    /// </summary>
    public static string Page(SweepFolder folder, IReadOnlyList<Trial> trials, string storeDescription)
    {
        var study = folder.Study;
        var objectiveName = ConfigEnum.NameOf(study.Objective);
        var page = new HtmlReport($"Sweep {folder.Name}: {study.Preset}")
            .Table([("preset", study.Preset), ("parameters", string.Join("  ", study.Parameters)), ("settings", string.Join("  ", study.Settings)),
                ("budget", $"{study.Epochs} epochs per trial" + (study.Iterations > 0 ? $" of {study.Iterations} steps" : "")),
                ("objective", $"{objectiveName}, minimised"), ("sampler", ConfigEnum.NameOf(study.Sampler)), ("seed", study.Seed.ToString(CultureInfo.InvariantCulture)),
                ("store", storeDescription)])
            .Section("Trials").Grid(Header(folder), Rows(folder, trials));
        var done = trials.Where(t => t.State == TrialState.Done && t.Objective is { } o && double.IsFinite(o)).ToList();
        if (done.Count > 0)
        {
            page.Section($"{objectiveName} against each parameter").BeginRow();
            foreach (var parameter in study.ParsedParameters)
                page.Figure(Scatter(parameter, done, objectiveName), parameter.Key);
            page.EndRow();
        }
        if (Best(trials) is { } best)
        {
            var layout = new RunLayout(folder.TrialDirectory(best.Number));
            page.Section(string.Create(CultureInfo.InvariantCulture, $"Best: trial {best.Number} ({string.Join(" ", best.Values.Select(v => $"{v.Key}={v.Value}"))}), {objectiveName} {best.Objective:G6}")).BeginRow();
            var grids = layout.SampleGridPaths(study.Epochs);
            if (grids.Count > 0)
                page.Figure(File.ReadAllBytes(grids[^1]), "its last grid");
            if (File.Exists(layout.LossesPlotPath))
                page.Figure(File.ReadAllBytes(layout.LossesPlotPath), "its losses");
            page.EndRow();
        }
        return page.ToString();
    }

    private static byte[] Scatter(SweepParameter parameter, IReadOnlyList<Trial> done, string objectiveName)
    {
        var plot = new ScottPlot.Plot();
        var values = done.Select(t => t.Values[parameter.Key]).ToList();
        double[] xs;
        if (parameter.IsNumeric)
            xs = [.. values.Select(SweepParameter.Number)];
        else
        {
            var names = values.Distinct().ToList();
            xs = [.. values.Select(v => (double)names.IndexOf(v))];
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. names.Select((n, i) => (double)i)], [.. names]);
        }
        var points = plot.Add.ScatterPoints(xs, [.. done.Select(t => t.Objective!.Value)]);
        points.MarkerSize = 8;
        plot.XLabel(parameter.Log ? $"{parameter.Key} (drawn log-uniformly)" : parameter.Key);
        plot.YLabel(objectiveName);
        using var image = plot.GetImage(420, 300);
        return image.GetImageBytes();
    }
}
