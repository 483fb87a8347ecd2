using System.Numerics.Tensors;

namespace Adversa.Som;

/// <summary>
/// Online (per-sample) SOM updates on plain float arrays. Each sample needs its winner before the next
/// sample's, so the loop is inherently sequential; a tensor library would pay several dispatches per sample,
/// which costs more than the arithmetic at the seed's size (8x8 units of 4096 values). Here each step is a
/// vectorised span operation (System.Numerics.Tensors.TensorPrimitives: dot products, lerp), and squared
/// norms of the units are kept up to date algebraically, so a sample costs one pass over the weights to
/// find its winner and one to update them.
/// </summary>
internal sealed class OnlineSomKernel
{
    private readonly float[] _weights;     // units x dim, row-major
    private readonly double[] _squaredNorms;
    private readonly double[] _dots;
    private readonly double[] _scores;
    private readonly float[] _scratch;
    private readonly int _units;
    private readonly int _dim;
    private readonly SomDistance _distance;

    public OnlineSomKernel(float[] weights, int units, int dim, SomDistance distance)
    {
        _weights = weights;
        _units = units;
        _dim = dim;
        _distance = distance;
        _squaredNorms = new double[units];
        _dots = new double[units];
        _scores = new double[units];
        _scratch = new float[dim];
        RefreshNorms();
    }

    /// <summary>Recomputes every unit's squared norm exactly (the incremental update drifts slowly in float).</summary>
    public void RefreshNorms()
    {
        for (var u = 0; u < _units; u++)
        {
            var row = Row(u);
            _squaredNorms[u] = TensorPrimitives.Dot<float>(row, row);
        }
    }

    /// <summary>
    /// Presents the samples <paramref name="order"/> of <paramref name="data"/> (n x dim, row-major) once each:
    /// for each, w_u += eta * h(winner, u) * (x - w_u) with h read from <paramref name="neighborhood"/> (units x units).
    /// </summary>
    /// <remarks>
    /// Each unit's row is compared with the next sample right after its update, while the row is still in
    /// the cache, so the weights stream through memory once per sample instead of twice. The result is the
    /// same as searching the winner of the next sample after all updates.
    /// </remarks>
    public void Epoch(float[] data, ReadOnlySpan<long> order, float[] neighborhood, double learningRate)
    {
        if (order.IsEmpty)
            return;
        var current = Sample(data, order[0]);
        double xx = TensorPrimitives.Dot(current, current);
        for (var u = 0; u < _units; u++)
            _scores[u] = Score(u, current, xx);
        for (var i = 0; i < order.Length; i++)
        {
            var winner = TensorPrimitives.IndexOfMin<double>(_scores);
            var hasNext = i + 1 < order.Length;
            var next = hasNext ? Sample(data, order[i + 1]) : default;
            double nextXx = hasNext ? TensorPrimitives.Dot(next, next) : 0;
            var influence = new ReadOnlySpan<float>(neighborhood, winner * _units, _units);
            for (var u = 0; u < _units; u++)
            {
                var amount = learningRate * influence[u];
                if (amount != 0)
                {
                    var row = Row(u);
                    TensorPrimitives.Lerp(row, current, (float)amount, row);
                    // ||(1-a) w + a x||^2 from quantities already at hand (_dots holds w.x for the current sample).
                    var keep = 1 - amount;
                    _squaredNorms[u] = keep * keep * _squaredNorms[u] + 2 * amount * keep * _dots[u] + amount * amount * xx;
                }
                if (hasNext)
                    _scores[u] = Score(u, next, nextXx);
            }
            current = next;
            xx = nextXx;
        }
    }

    // Smaller is better; also leaves w_u.x in _dots[u] for the norm update.
    private double Score(int unit, ReadOnlySpan<float> x, double xx)
    {
        var row = Row(unit);
        double dot = TensorPrimitives.Dot<float>(row, x);
        _dots[unit] = dot;
        return _distance switch
        {
            SomDistance.Euclidean => _squaredNorms[unit] - 2 * dot,                           // ||x - w||^2 - ||x||^2
            SomDistance.Cosine => -dot / Math.Sqrt(Math.Max(_squaredNorms[unit] * xx, 1e-30)), // -cos(x, w)
            _ => ManhattanDistance(row, x),
        };
    }

    private double ManhattanDistance(ReadOnlySpan<float> row, ReadOnlySpan<float> x)
    {
        TensorPrimitives.Subtract(row, x, _scratch);
        return TensorPrimitives.SumOfMagnitudes<float>(_scratch);
    }

    private ReadOnlySpan<float> Sample(float[] data, long index) => new(data, checked((int)index * _dim), _dim);

    private Span<float> Row(int unit) => new(_weights, unit * _dim, _dim);
}
