namespace Adversa.Training.Outputs;

/// <summary>Draws losses.png with ScottPlot: critic and generator losses, and every scalar the loss and regulariser log (the penalty, the Wasserstein estimate), against the iteration.</summary>
internal static class LossPlot
{
    /// <summary>Renders the curves as PNG bytes (width x height pixels).</summary>
    public static byte[] ToPng(IReadOnlyList<LossRecord> records, int width = 900, int height = 500)
    {
        var plot = new ScottPlot.Plot();
        var iterations = records.Select(r => (double)r.Iteration).ToArray();
        AddCurve(plot, iterations, records.Select(r => r.CriticLoss).ToArray(), "critic loss");
        AddCurve(plot, iterations, records.Select(r => r.GeneratorLoss).ToArray(), "generator loss");
        foreach (var name in ScalarNames(records))
        {
            var (loggedAt, values) = Logged(records, r => r.Scalar(name));
            AddCurve(plot, loggedAt, values, Label(name));
        }
        plot.XLabel("iteration");
        plot.YLabel("loss");
        plot.ShowLegend();
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }

    /// <summary>The scalar columns of <paramref name="records"/>, in order of first appearance.</summary>
    public static IReadOnlyList<string> ScalarNames(IReadOnlyList<LossRecord> records) =>
        [.. records.SelectMany(r => r.Scalars.Select(s => s.Name)).Distinct()];

    /// <summary>
    /// The iterations at which <paramref name="value"/> was logged, and its values there: the steps that did not log it
    /// (a lazily computed penalty) are left out, so that a curve joins the steps that did.
    /// </summary>
    public static (double[] Iterations, double[] Values) Logged(IReadOnlyList<LossRecord> records, Func<LossRecord, double?> value)
    {
        var logged = records.Select(r => (r.Iteration, Value: value(r))).Where(p => p.Value is not null).ToArray();
        return ([.. logged.Select(p => (double)p.Iteration)], [.. logged.Select(p => p.Value!.Value)]);
    }

    /// <summary>How a scalar column is labelled in plots.</summary>
    public static string Label(string scalarName) => scalarName switch
    {
        "gp" => "gradient penalty (raw)",
        "r1" => "R1 penalty (raw)",
        "wasserstein" => "Wasserstein estimate",
        _ => scalarName,
    };

    private static void AddCurve(ScottPlot.Plot plot, double[] xs, double[] ys, string label)
    {
        var curve = plot.Add.ScatterLine(xs, ys);
        curve.LegendText = label;
        curve.LineWidth = 1.5f;
    }
}
