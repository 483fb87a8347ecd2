using static TorchSharp.torch;

namespace Adversa.Som;

/// <summary>What a trained map tells about data: its errors, hits, U-matrix and labels (MiniSom's quantization_error, topographic_error, distance_map, labels_map).</summary>
public sealed partial class SelfOrganizingMap
{
    /// <summary>Mean distance from each sample to its winner (in the configured distance).</summary>
    public double QuantizationError(Tensor data) => Errors(data).QuantizationError;

    /// <summary>Fraction of samples whose best and second-best units are not lattice neighbours.</summary>
    public double TopographicError(Tensor data) => Errors(data).TopographicError;

    /// <summary>Both errors from one winner search (the best unit's distance gives the first, the two best units the second).</summary>
    public (double QuantizationError, double TopographicError) Errors(Tensor data)
    {
        using var scope = NewDisposeScope(); // holds the chain's temporaries while libtorch reads them
        var (indices, distances) = BestUnits(data, Math.Min(2, Grid.Units));
        using (indices)
        using (distances)
        {
            var quantization = distances[.., 0].to_type(ScalarType.Float64).mean().item<double>();
            if (Grid.Units < 2)
                return (quantization, 0);
            var pairs = indices.cpu().data<long>().ToArray();
            var limit = Grid.NeighbourDistance * Grid.NeighbourDistance;
            var errors = 0;
            for (var i = 0; i < pairs.Length; i += 2)
                if (Grid.SquaredDistances[pairs[i], pairs[i + 1]] > limit)
                    errors++;
            return (quantization, errors / (double)(pairs.Length / 2));
        }
    }

    /// <summary>Samples won by each unit (units).</summary>
    public long[] HitCounts(Tensor data)
    {
        using var scope = NewDisposeScope();
        using var winners = Winners(data);
        using var counts = bincount(winners, minlength: Grid.Units);
        return counts.cpu().data<long>().ToArray();
    }

    /// <summary>The U-matrix: each unit's mean weight distance to its lattice neighbours (units).</summary>
    public double[] UMatrix()
    {
        using var scope = NewDisposeScope();
        var weights = _weights.to_type(ScalarType.Float64);
        var pairwise = cdist(weights, weights).cpu().data<double>().ToArray();
        var limit = Grid.NeighbourDistance * Grid.NeighbourDistance;
        var result = new double[Grid.Units];
        for (var a = 0; a < Grid.Units; a++)
        {
            double sum = 0;
            var neighbours = 0;
            for (var b = 0; b < Grid.Units; b++)
            {
                if (a == b || Grid.SquaredDistances[a, b] > limit)
                    continue;
                sum += pairwise[a * Grid.Units + b];
                neighbours++;
            }
            result[a] = neighbours == 0 ? 0 : sum / neighbours;
        }
        return result;
    }

    /// <summary>The majority label of the samples each unit wins (-1 where a unit wins none); ties go to the smaller label.</summary>
    public long[] LabelMap(Tensor data, IReadOnlyList<long> labels)
    {
        if (labels.Count != data.shape[0])
            throw new ArgumentException($"{labels.Count} labels for {data.shape[0]} samples", nameof(labels));
        using var winners = Winners(data);
        var won = winners.cpu().data<long>().ToArray();
        var votes = new Dictionary<long, int>[Grid.Units];
        for (var i = 0; i < won.Length; i++)
        {
            var tally = votes[won[i]] ??= [];
            tally[labels[i]] = tally.GetValueOrDefault(labels[i]) + 1;
        }
        return [.. votes.Select(t => t is null ? -1L : t.OrderByDescending(p => p.Value).ThenBy(p => p.Key).First().Key)];
    }

    /// <summary>Classifies samples by the label of their winner in <paramref name="labelMap"/> (-1 for an unlabelled unit).</summary>
    public long[] Classify(Tensor data, IReadOnlyList<long> labelMap)
    {
        using var winners = Winners(data);
        return [.. winners.cpu().data<long>().ToArray().Select(u => labelMap[(int)u])];
    }
}
