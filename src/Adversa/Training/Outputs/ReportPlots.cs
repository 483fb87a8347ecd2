using System.Globalization;

namespace Adversa.Training.Outputs;

/// <summary>The report's plots (ScottPlot): curves against the iteration, with the epochs marked on the top axis.</summary>
internal static class ReportPlots
{
    /// <summary>Critic and generator losses, raw (faint) and smoothed.</summary>
    public static byte[] Losses(IReadOnlyList<LossRecord> records, IReadOnlyList<EpochTime> epochs) =>
        Curves(records, epochs, "loss", [("critic loss", r => r.CriticLoss), ("generator loss", r => r.GeneratorLoss)]);

    /// <summary>The scalars the loss and regulariser log (the penalty, the Wasserstein estimate).</summary>
    public static byte[] CriticTerms(IReadOnlyList<LossRecord> records, IReadOnlyList<EpochTime> epochs) =>
        Curves(records, epochs, "value", [.. LossPlot.ScalarNames(records).Select(name => (LossPlot.Label(name), (Func<LossRecord, double?>)(r => r.Scalar(name))))]);

    private static byte[] Curves(IReadOnlyList<LossRecord> records, IReadOnlyList<EpochTime> epochs, string yLabel,
        (string Label, Func<LossRecord, double?> Value)[] series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (label, value) in series)
        {
            var (stepXs, ys) = LossPlot.Logged(records, value);
            if (ys.Length == 0)
                continue;
            var raw = plot.Add.ScatterLine(stepXs, ys);
            raw.LineWidth = 1;
            raw.Color = raw.Color.WithAlpha(0.25);
            var smooth = plot.Add.ScatterLine(stepXs, Smoothed(ys, Math.Max(1, ys.Length / 50)));
            smooth.LineWidth = 2;
            smooth.Color = raw.Color.WithAlpha(1.0);
            smooth.LegendText = $"{label} (smoothed)";
        }
        plot.XLabel("iteration");
        plot.YLabel(yLabel);
        plot.ShowLegend();
        MarkEpochs(plot, epochs, records.Count > 0 ? records[^1].Iteration : 1);
        return Render(plot);
    }

    /// <summary>Every numeric metric column of metrics.csv against the epoch, one panel each.</summary>
    public static byte[] Metrics(IReadOnlyList<string> header, IReadOnlyList<List<string>> rows)
    {
        var plot = new ScottPlot.Plot();
        var epochs = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
        foreach (var column in new[] { "fid", "kid_mean", "is_mean", "precision", "recall" })
        {
            var index = header.ToList().IndexOf(column);
            if (index < 0 || rows.Any(r => r[index].Length == 0))
                continue;
            var line = plot.Add.Scatter(epochs, rows.Select(r => double.Parse(r[index], CultureInfo.InvariantCulture)).ToArray());
            line.LegendText = column;
            // FID and KID live on other scales than the fractions and IS: each gets its own right-hand axis.
            if (column is "fid" or "kid_mean")
            {
                var axis = plot.Axes.AddRightAxis();
                axis.LabelText = column;
                line.Axes.YAxis = axis;
            }
        }
        plot.XLabel("epoch");
        plot.YLabel("IS, precision, recall");
        plot.ShowLegend();
        return Render(plot);
    }

    // Centred moving average over a window of 2 * half + 1 points (fewer at the ends).
    private static double[] Smoothed(double[] values, int half)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var (from, to) = (Math.Max(0, i - half), Math.Min(values.Length - 1, i + half));
            double sum = 0;
            var n = 0;
            for (var j = from; j <= to; j++)
            {
                if (double.IsFinite(values[j]))
                {
                    sum += values[j];
                    n++;
                }
            }
            result[i] = n > 0 ? sum / n : double.NaN;
        }
        return result;
    }

    // Epoch ticks on the top axis at the iteration where each epoch ended (at most about 20 labels).
    private static void MarkEpochs(ScottPlot.Plot plot, IReadOnlyList<EpochTime> epochs, double lastIteration)
    {
        if (epochs.Count == 0)
            return;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var every = Math.Max(1, (int)Math.Ceiling(epochs.Count / 20.0));
        foreach (var e in epochs.Where(e => e.Epoch % every == 0 || e.Epoch == 1))
            ticks.AddMajor(e.Iteration, e.Epoch.ToString(CultureInfo.InvariantCulture));
        plot.Axes.Top.TickGenerator = ticks;
        plot.Axes.Top.Label.Text = "epoch (ticks at its end)";
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(limits.Left, Math.Max(limits.Right, lastIteration), plot.Axes.Top);
        plot.Axes.SetLimitsX(limits.Left, Math.Max(limits.Right, lastIteration), plot.Axes.Bottom);
    }

    private static byte[] Render(ScottPlot.Plot plot, int width = 1000, int height = 420)
    {
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }
}
