using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>The quality of a map at one epoch.</summary>
public sealed record SomQuality(long Epoch, double LearningRate, double Sigma, double QuantizationError, double TopographicError);

/// <summary>What <c>adversa som train</c> reports.</summary>
/// <param name="QuantizationError">Mean distance of the samples to their winners.</param>
/// <param name="TopographicError">Fraction of samples whose two best units are not neighbours.</param>
/// <param name="TrainSeconds">Wall time of the training epochs alone (not loading, measuring or drawing).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="Samples">Samples per epoch.</param>
/// <param name="UpdatesPerSecond">Online: samples presented per second; batch: samples per second through the batch map.</param>
public sealed record SomMetrics(double QuantizationError, double TopographicError, double TrainSeconds, long Epochs, long Samples, double UpdatesPerSecond);

/// <summary>The files of a SOM run directory.</summary>
public sealed record SomRunLayout(string Root)
{
    /// <summary>The resolved configuration.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");
    /// <summary>The trained map (<see cref="SelfOrganizingMap.Save"/>).</summary>
    public string MapPath => Path.Combine(Root, "map.som");
    /// <summary>Final QE, TE and timing.</summary>
    public string MetricsPath => Path.Combine(Root, "metrics.json");
    /// <summary>QE and TE through training.</summary>
    public string HistoryPath => Path.Combine(Root, "history.csv");
    /// <summary>The weights drawn as images.</summary>
    public string WeightsPath => Path.Combine(Root, "weights.png");
    /// <summary>The U-matrix.</summary>
    public string UMatrixPath => Path.Combine(Root, "umatrix.png");
    /// <summary>Samples won per unit.</summary>
    public string HitsPath => Path.Combine(Root, "hits.png");
    /// <summary>Component planes.</summary>
    public string ComponentsPath => Path.Combine(Root, "components.png");
    /// <summary>Majority label per unit (labelled data only).</summary>
    public string LabelsPath => Path.Combine(Root, "labels.png");
    /// <summary>The self-contained report (<see cref="SomReport"/>).</summary>
    public string ReportPath => Path.Combine(Root, "report.html");
    /// <summary>One row per unit: position, hits, U-matrix value and majority label.</summary>
    public string UnitsPath => Path.Combine(Root, "units.csv");
}

/// <summary>Trains a map as configured and writes its run directory.</summary>
public static class SomRun
{
    /// <summary>Points of the QE/TE history (plus the start).</summary>
    public const int HistoryPoints = 20;

    /// <summary>Trains, measures and draws into <paramref name="runDirectory"/>, which must not already hold a run.</summary>
    public static SomMetrics Execute(SomConfig config, string runDirectory, Action<SomEpoch, long>? onEpoch = null, CancellationToken cancellation = default)
    {
        SomValidation.Validate(config);
        OutputPath.CheckDirectory(runDirectory, "out");
        var layout = new SomRunLayout(runDirectory);
        using var runLock = RunLock.Acquire(runDirectory);
        if (File.Exists(layout.MapPath) || File.Exists(layout.ConfigPath))
            throw new InvalidInputException("out", runDirectory, "already holds a run (choose another directory)");
        AtomicFile.RemoveStaleTemporaries(runDirectory);
        Reproducibility.SetThreads(config.Threads);
        Reproducibility.Seed(config.Seed);
        using var samples = SomSamples.Load(config);
        Directory.CreateDirectory(runDirectory);
        AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());

        using var map = new SelfOrganizingMap(config, (int)samples.Values.shape[1]);
        map.Initialize(samples.Values);
        var history = new List<SomQuality> { Measure(map, samples, 0, map.ScheduleAt(0)) };
        var total = map.TotalEpochs;
        var chunk = Math.Max(1, total / HistoryPoints);
        var clock = new Stopwatch();
        SomEpoch? last = null;
        while (map.EpochsDone < total)
        {
            clock.Start();
            map.Train(samples.Values, Math.Min(chunk, total - map.EpochsDone), e => { last = e; onEpoch?.Invoke(e, total); }, cancellation);
            clock.Stop();
            history.Add(Measure(map, samples, map.EpochsDone, (last!.LearningRate, last.Sigma)));
        }

        var final = history[^1];
        var seconds = clock.Elapsed.TotalSeconds;
        var metrics = new SomMetrics(final.QuantizationError, final.TopographicError, seconds, total, samples.Count,
            seconds > 0 ? samples.Count * total / seconds : 0);
        map.Save(layout.MapPath);
        AtomicFile.WriteAllText(layout.MetricsPath, JsonSerializer.Serialize(new
        {
            quantization_error = metrics.QuantizationError,
            topographic_error = metrics.TopographicError,
            train_seconds = metrics.TrainSeconds,
            epochs = metrics.Epochs,
            samples = metrics.Samples,
            updates_per_second = metrics.UpdatesPerSecond,
            algorithm = ConfigEnum.NameOf(config.Algorithm),
            data = samples.Source,
        }, new JsonSerializerOptions { WriteIndented = true }));
        AtomicFile.WriteAllText(layout.HistoryPath, HistoryCsv(history));
        DrawPictures(map, samples, layout);
        SomReport.Write(layout.Root);
        return metrics;
    }

    private static SomQuality Measure(SelfOrganizingMap map, SomSamples samples, long epoch, (double LearningRate, double Sigma) schedule)
    {
        var (quantization, topographic) = map.Errors(samples.Values);
        return new(epoch, schedule.LearningRate, schedule.Sigma, quantization, topographic);
    }

    private static string HistoryCsv(IEnumerable<SomQuality> history)
    {
        var text = new StringBuilder("epoch,learning_rate,sigma,quantization_error,topographic_error\n");
        foreach (var q in history)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{q.Epoch},{q.LearningRate:R},{q.Sigma:R},{q.QuantizationError:R},{q.TopographicError:R}"));
        return text.ToString();
    }

    /// <summary>Writes units.csv and the pictures of <paramref name="map"/> for <paramref name="samples"/>.</summary>
    public static void DrawPictures(SelfOrganizingMap map, SomSamples samples, SomRunLayout layout)
    {
        var (channels, height, width) = samples.ImageShape;
        var uMatrix = map.UMatrix();
        var hits = map.HitCounts(samples.Values);
        var labelled = samples.ClassNames.Length > 0;
        var labels = labelled ? map.LabelMap(samples.Values, samples.Labels) : null;
        AtomicFile.WriteAllText(layout.UnitsPath, UnitsCsv(map.Grid, hits, uMatrix, labels, samples.ClassNames));
        if (height > 1 && width > 1)
            AtomicFile.WriteAllBytes(layout.WeightsPath, SomPlots.WeightImages(map.Weights, map.Grid, channels, height, width));
        AtomicFile.WriteAllBytes(layout.UMatrixPath, SomPlots.ValueMap(map.Grid, uMatrix, "U-matrix: mean distance to neighbours"));
        AtomicFile.WriteAllBytes(layout.HitsPath, SomPlots.ValueMap(map.Grid, [.. hits.Select(c => (double)c)], "hits: samples won per unit"));
        AtomicFile.WriteAllBytes(layout.ComponentsPath, SomPlots.ComponentPlanes(map.Weights, map.Grid));
        if (labels is not null)
            AtomicFile.WriteAllBytes(layout.LabelsPath, SomPlots.LabelMap(map.Grid, labels, samples.ClassNames, "majority label per unit"));
    }

    private static string UnitsCsv(SomGrid grid, long[] hits, double[] uMatrix, long[]? labels, string[] classNames)
    {
        var text = new StringBuilder("unit,row,column,hits,umatrix,label,class\n");
        for (var u = 0; u < grid.Units; u++)
        {
            var (row, column) = grid.Coordinates(u);
            var label = labels?[u] ?? -1;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{u},{row},{column},{hits[u]},{uMatrix[u]:R},{label},{Csv.Field(SomSamples.NameOf(label, classNames))}"));
        }
        return text.ToString();
    }

    /// <summary>The majority label per unit from a run's units.csv (-1 where none), or null when the file is missing.</summary>
    public static long[]? ReadUnitLabels(SomRunLayout layout)
    {
        if (!File.Exists(layout.UnitsPath))
            return null;
        return [.. File.ReadLines(layout.UnitsPath).Skip(1).Where(line => line.Length > 0)
            .Select(line => long.Parse(line.Split(',')[5], CultureInfo.InvariantCulture))];
    }
}
