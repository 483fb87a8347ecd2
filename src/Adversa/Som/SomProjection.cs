using System.Globalization;
using System.Text;
using Adversa.Data;
using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>Where one sample lands on a map.</summary>
/// <param name="Index">The sample's index.</param>
/// <param name="Label">Its label (-1 where unknown).</param>
/// <param name="Unit">Its winner.</param>
/// <param name="Row">The winner's row.</param>
/// <param name="Column">The winner's column.</param>
/// <param name="Distance">Its distance to the winner.</param>
/// <param name="PredictedLabel">The winner's majority label in the training run (-1 where none), or null when the run has no units.csv.</param>
public sealed record SomPlacement(long Index, long Label, int Unit, int Row, int Column, double Distance, long? PredictedLabel);

/// <summary>Any data projected onto a trained map: each sample's winner and, for a labelled run, the label its winner predicts.</summary>
/// <param name="Placements">One per sample, in order.</param>
/// <param name="ClassNames">Names of the samples' labels (empty when unlabelled).</param>
public sealed record SomProjection(IReadOnlyList<SomPlacement> Placements, IReadOnlyList<string> ClassNames)
{
    /// <summary>The fraction of labelled samples whose winner predicts their label, or null without labels or predictions.</summary>
    public double? Accuracy => ClassNames.Count == 0 || Placements.Count == 0 || Placements[0].PredictedLabel is null
        ? null
        : Placements.Average(p => p.PredictedLabel == p.Label ? 1.0 : 0.0);

    /// <summary>Projects <paramref name="data"/> onto the map of the SOM run in <paramref name="runDirectory"/>.</summary>
    public static SomProjection Of(string runDirectory, DataSource data)
    {
        var layout = new SomRunLayout(runDirectory);
        if (!Directory.Exists(layout.Root))
            throw new InvalidInputException($"{layout.Root}: run directory not found");
        using var map = SelfOrganizingMap.Load(layout.MapPath);
        using var samples = SomSamples.Load(map.Config with { MaxImages = 0, SampleCount = 0 }, data);
        if (samples.Values.shape[1] != map.InputDim)
            throw new InvalidInputException("data", data.Name, $"samples have {samples.Values.shape[1]} values but the map was trained on {map.InputDim}");
        var (indices, distances) = map.BestUnits(samples.Values, 1);
        long[] winners;
        float[] gaps;
        using (indices)
        using (distances)
            (winners, gaps) = (indices.data<long>().ToArray(), distances.data<float>().ToArray());
        // The training run's majority label per unit classifies each sample by its winner.
        var unitLabels = SomRun.ReadUnitLabels(layout);
        var placements = new SomPlacement[winners.Length];
        for (var i = 0; i < winners.Length; i++)
        {
            var unit = (int)winners[i];
            var (row, column) = map.Grid.Coordinates(unit);
            placements[i] = new SomPlacement(i, samples.Labels[i], unit, row, column, gaps[i], unitLabels?[unit]);
        }
        return new SomProjection(placements, samples.ClassNames);
    }

    /// <summary>Writes the placements as CSV: <c>index[,label,class],unit,row,column,distance[,predicted]</c>.</summary>
    public void Save(string path)
    {
        var labelled = ClassNames.Count > 0;
        var predicted = Placements.Count > 0 && Placements[0].PredictedLabel is not null;
        var csv = new StringBuilder((labelled ? "index,label,class," : "index,") + "unit,row,column,distance" + (predicted ? ",predicted" : "") + "\n");
        foreach (var p in Placements)
        {
            var prefix = labelled ? $"{p.Index},{p.Label},{Csv.Field(SomSamples.NameOf(p.Label, ClassNames))}," : $"{p.Index},";
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{prefix}{p.Unit},{p.Row},{p.Column},{(float)p.Distance:R}{(predicted ? $",{p.PredictedLabel}" : "")}"));
        }
        AtomicFile.WriteAllText(path, csv.ToString());
    }
}
