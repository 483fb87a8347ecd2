
namespace Adversa.Evaluation;

/// <summary>Seed 003's figure: per class, the histogram of critic scores shifted so that the reference class sits at 0 (frequency polygons, one colour per class).</summary>
public static class ScoreHistogram
{
    /// <summary>Renders the histograms as PNG bytes; <paramref name="bins"/> bins span all scores (fine, because classes often lie far apart and narrow).</summary>
    public static byte[] ToPng(ScoreSeparation separation, int bins = 300, int width = 1000, int height = 560)
    {
        var all = separation.ShiftedScores.SelectMany(s => s).ToArray();
        var (low, high) = (all.Min(), all.Max());
        var binWidth = high > low ? (high - low) / bins : 1.0;
        var centres = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * binWidth).ToArray();
        var plot = new ScottPlot.Plot();
        for (var c = 0; c < separation.ClassNames.Count; c++)
        {
            var counts = new double[bins];
            foreach (var score in separation.ShiftedScores[c])
                counts[Math.Clamp((int)((score - low) / binWidth), 0, bins - 1)]++;
            var line = plot.Add.ScatterLine(centres, counts.Select(n => n / separation.ShiftedScores[c].Length).ToArray());
            line.LegendText = separation.ClassNames[c];
            line.LineWidth = 2;
        }
        plot.XLabel($"critic score minus the mean of {separation.Reference}");
        plot.YLabel("fraction of the class's images");
        plot.ShowLegend(ScottPlot.Edge.Right);
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }
}
