using Adversa.Imaging;
using static TorchSharp.torch;

namespace Adversa.Som;

/// <summary>Pictures of a self-organizing map: values per unit drawn on its lattice (squares or hexagons) with ScottPlot, and weights or component planes as image grids.</summary>
public static class SomPlots
{
    /// <summary>One cell per unit, coloured by <paramref name="values"/> on the Viridis scale; the title gives the range.</summary>
    public static byte[] ValueMap(SomGrid grid, IReadOnlyList<double> values, string title, int pixelsPerUnit = 48)
    {
        var low = values.Min();
        var high = values.Max();
        var colormap = new ScottPlot.Colormaps.Viridis();
        return Draw(grid, u => colormap.GetColor(high > low ? (values[u] - low) / (high - low) : 0.5), u => null,
            $"{title} (dark {low:G4} to bright {high:G4})", pixelsPerUnit);
    }

    /// <summary>One cell per unit, coloured and lettered by its label (blank where a unit won no sample).</summary>
    public static byte[] LabelMap(SomGrid grid, IReadOnlyList<long> labels, IReadOnlyList<string> classNames, string title, int pixelsPerUnit = 48)
    {
        var palette = new ScottPlot.Palettes.Category20();
        ScottPlot.Color ColorOf(long label) => palette.GetColor((int)label).Lighten(0.2);
        var shown = labels.Where(l => l >= 0).Distinct().Order().ToArray();
        // Cells carry the label's number; a legend names the labels when there are few enough to read.
        var legend = shown.Length <= 20
            ? shown.Select(l => new ScottPlot.LegendItem { LabelText = $"{l}: {(l < classNames.Count ? classNames[(int)l] : "")}", FillColor = ColorOf(l) }).ToList()
            : [];
        return Draw(grid, u => labels[u] < 0 ? ScottPlot.Colors.White : ColorOf(labels[u]), u => labels[u] < 0 ? null : $"{labels[u]}",
            title, pixelsPerUnit, legend);
    }

    /// <summary>The units' weight vectors as images (C x H x W each) in the lattice's row order, each scaled to its own range (seed 000's face grid).</summary>
    public static byte[] WeightImages(Tensor weights, SomGrid grid, long channels, long height, long width)
    {
        using var scope = NewDisposeScope();
        var images = weights.cpu().reshape(grid.Units, channels, height, width);
        return ImageGrid.ToPng(ScaledPerImage(images), columns: grid.Columns);
    }

    /// <summary>Up to <paramref name="maxPlanes"/> evenly chosen component planes: for input value k, the k-th weight of every unit, drawn on the lattice (rows x columns), each scaled to its own range.</summary>
    public static byte[] ComponentPlanes(Tensor weights, SomGrid grid, int maxPlanes = 16, int cellPixels = 8)
    {
        using var scope = NewDisposeScope();
        var dim = (int)weights.shape[1];
        long[] chosen = dim == 1 ? [0] : [.. TrainingAnimation.EvenlySpaced(Enumerable.Range(0, dim).Select(k => (long)k).ToList(), Math.Max(2, Math.Min(maxPlanes, dim)))];
        var planes = weights.cpu().index_select(1, tensor(chosen)).t().reshape(chosen.Length, 1, grid.Rows, grid.Columns);
        var enlarged = nn.functional.interpolate(planes, scale_factor: [cellPixels, cellPixels], mode: InterpolationMode.Nearest);
        return ImageGrid.ToPng(ScaledPerImage(enlarged));
    }

    private static Tensor ScaledPerImage(Tensor images)
    {
        var flat = images.flatten(1);
        var low = flat.min(1, keepdim: true).values;
        var high = flat.max(1, keepdim: true).values;
        return ((flat - low) / (high - low).clamp_min(1e-12) * 2 - 1).view_as(images);
    }

    private static byte[] Draw(SomGrid grid, Func<int, ScottPlot.Color> fill, Func<int, string?> text, string title, int pixelsPerUnit, List<ScottPlot.LegendItem>? legend = null)
    {
        var plot = new ScottPlot.Plot();
        var hexagonal = grid.Topology == SomTopology.Hexagonal;
        for (var u = 0; u < grid.Units; u++)
        {
            var (x, y) = grid.Positions[u];
            y = -y; // row 0 at the top, as the weight image grid reads
            var corners = hexagonal
                ? Enumerable.Range(0, 6).Select(k => new ScottPlot.Coordinates(x + Math.Cos(Math.PI / 6 + k * Math.PI / 3) / Math.Sqrt(3), y + Math.Sin(Math.PI / 6 + k * Math.PI / 3) / Math.Sqrt(3)))
                : new[] { (-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5) }.Select(c => new ScottPlot.Coordinates(x + c.Item1, y + c.Item2));
            var cell = plot.Add.Polygon([.. corners]);
            cell.FillColor = fill(u);
            cell.LineColor = ScottPlot.Colors.Grey;
            cell.LineWidth = 0.5f;
            if (text(u) is { } label)
            {
                var caption = plot.Add.Text(label, x, y);
                caption.Alignment = ScottPlot.Alignment.MiddleCenter;
                caption.LabelFontSize = Math.Max(7, pixelsPerUnit / 5f);
            }
        }
        plot.HideAxesAndGrid();
        plot.Title(title, 13);
        plot.Axes.SquareUnits();
        var legendWidth = 0;
        if (legend is { Count: > 0 })
        {
            plot.ShowLegend(legend, ScottPlot.Alignment.UpperRight);
            plot.Legend.IsVisible = false; // drawn in a panel beside the map instead of over it
            plot.ShowLegend(ScottPlot.Edge.Right);
            legendWidth = 60 + 7 * legend.Max(item => item.LabelText.Length);
        }
        var width = (int)(grid.Columns + 1.5) * pixelsPerUnit + legendWidth;
        var height = (int)((grid.Rows * grid.RowSpacing + 1.5) * pixelsPerUnit) + 40;
        using var image = plot.GetImage(width, height);
        return image.GetImageBytes();
    }
}
