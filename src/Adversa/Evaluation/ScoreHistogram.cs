using Adversa.Data;

namespace Adversa.Evaluation;

/// <summary>
/// Seed 003's figure: per class, the histogram of critic scores shifted so that the reference class sits at 0
/// (frequency polygons). Classes of the synthetic shapes are drawn as the seed draws them: one hue per shape
/// (circles yellow, squares purple, triangles green), darker for less noise; the line pattern tells the colours
/// apart (solid: a training colour, dashed: (0.85, +1), dotted: (0.7, -1)). Other classes take a palette.
/// </summary>
public static class ScoreHistogram
{
    /// <summary>
    /// Renders the histograms as PNG bytes; <paramref name="bins"/> bins span the drawn classes' scores (fine, because
    /// classes often lie far apart and narrow). <paramref name="classes"/>, when given, draws only those classes, over
    /// their own range: the seed's zoom on two close classes.
    /// </summary>
    public static byte[] ToPng(ScoreSeparation separation, int bins = 300, int width = 1000, int height = 560, IReadOnlyCollection<string>? classes = null)
    {
        var drawn = Enumerable.Range(0, separation.ClassNames.Count).Where(c => classes is null || classes.Contains(separation.ClassNames[c])).ToList();
        if (drawn.Count == 0)
            throw new ArgumentException($"none of the classes {string.Join("; ", classes!)} was scored", nameof(classes));
        var all = drawn.SelectMany(c => separation.ShiftedScores[c]).ToArray();
        var (low, high) = (all.Min(), all.Max());
        var binWidth = high > low ? (high - low) / bins : 1.0;
        var centres = Enumerable.Range(0, bins).Select(b => low + (b + 0.5) * binWidth).ToArray();
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var c in drawn)
        {
            var counts = new double[bins];
            foreach (var score in separation.ShiftedScores[c])
                counts[Math.Clamp((int)((score - low) / binWidth), 0, bins - 1)]++;
            var line = plot.Add.ScatterLine(centres, counts.Select(n => n / separation.ShiftedScores[c].Length).ToArray());
            line.LegendText = separation.ClassNames[c];
            line.LineWidth = 2;
            var (color, pattern) = ShapeStyle(separation.ClassNames[c]) ?? (palette.GetColor(c), ScottPlot.LinePattern.Solid);
            line.Color = color;
            line.LinePattern = pattern;
        }
        plot.XLabel($"critic score minus the mean of {separation.Reference}");
        plot.YLabel("fraction of the class's images");
        plot.ShowLegend(ScottPlot.Edge.Right);
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }

    private static (ScottPlot.Color, ScottPlot.LinePattern)? ShapeStyle(string className)
    {
        var shape = ShapesDataset.TestClasses.FirstOrDefault(s => s.Label == className);
        if (shape is null)
            return null;
        var lowNoise = shape.Noise < 0.02;
        var hex = (shape.Shape, lowNoise) switch
        {
            (ShapeKind.Circle, true) => "#b8860b",
            (ShapeKind.Circle, false) => "#f2d21b",
            (ShapeKind.Square, true) => "#4b0082",
            (ShapeKind.Square, false) => "#a470d8",
            (ShapeKind.Triangle, true) => "#1b6e20",
            _ => "#6cc46f",
        };
        var trainingColour = ShapesDataset.TrainingClasses.Any(t => t.BaseColor == shape.BaseColor && t.Sign == shape.Sign);
        var pattern = trainingColour ? ScottPlot.LinePattern.Solid : shape.Sign > 0 ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Dotted;
        return (ScottPlot.Color.FromHex(hex), pattern);
    }
}
