using Adversa.Training;

namespace Adversa.Imaging;

/// <summary>Draws losses.png with ScottPlot: critic and generator losses, the penalty and the Wasserstein estimate where present, against the iteration.</summary>
public static class LossPlot
{
    /// <summary>Renders the curves as PNG bytes (width x height pixels).</summary>
    public static byte[] ToPng(IReadOnlyList<LossRecord> records, int width = 900, int height = 500)
    {
        var plot = new ScottPlot.Plot();
        var iterations = records.Select(r => (double)r.Iteration).ToArray();
        AddCurve(plot, iterations, records.Select(r => r.CriticLoss).ToArray(), "critic loss");
        AddCurve(plot, iterations, records.Select(r => r.GeneratorLoss).ToArray(), "generator loss");
        if (records.Any(r => r.Penalty.HasValue))
            AddCurve(plot, iterations, records.Select(r => r.Penalty ?? double.NaN).ToArray(), "penalty (raw)");
        if (records.Any(r => r.WassersteinEstimate.HasValue))
            AddCurve(plot, iterations, records.Select(r => r.WassersteinEstimate ?? double.NaN).ToArray(), "Wasserstein estimate");
        plot.XLabel("iteration");
        plot.YLabel("loss");
        plot.ShowLegend();
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }

    private static void AddCurve(ScottPlot.Plot plot, double[] xs, double[] ys, string label)
    {
        var curve = plot.Add.ScatterLine(xs, ys);
        curve.LegendText = label;
        curve.LineWidth = 1.5f;
    }
}
