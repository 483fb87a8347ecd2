using System.Numerics.Tensors;

namespace Adversa.Som;

/// <summary>
/// Online (per-sample) SOM updates on plain float arrays. Each sample needs its winner before the next
/// sample's, so the loop is inherently sequential; a tensor library would pay several dispatches per sample,
/// which costs more than the arithmetic at the seed's size (8x8 units of 4096 values). Here each step is a
/// vectorised span operation (System.Numerics.Tensors.TensorPrimitives: dot products, lerp), the units'
/// squared norms are kept up to date algebraically, and the next sample's winner search is fused into the
/// update pass, so the weights stream through memory once per sample. With more than one worker the units
/// are split into contiguous ranges, one per thread, which meet once per sample (a spinning barrier: a
/// sample is tens of microseconds of work, too short for blocking waits); the result does not depend on
/// the number of workers.
/// </summary>
internal sealed class OnlineSomKernel : IDisposable
{
    private readonly float[] _weights;     // units x dim, row-major
    private readonly double[] _squaredNorms;
    private readonly double[] _dots;
    private readonly double[] _scores;
    private readonly float[][] _scratch;   // per worker (Manhattan distances)
    private readonly int _units;
    private readonly int _dim;
    private readonly SomDistance _distance;
    private readonly (int Start, int End)[] _ranges;
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim _epochRunning = new(false);
    private volatile bool _stopping;
    private int _generation;
    private int _finishedWorkers;

    // The step every worker performs for its units; written by the main thread before it releases them.
    private float[] _data = [];
    private float[] _neighborhood = [];
    private double _learningRate;
    private int _winner;
    private int _currentOffset;
    private int _nextOffset;               // -1 after the epoch's last sample
    private double _currentSquaredNorm;
    private double _nextSquaredNorm;

    public OnlineSomKernel(float[] weights, int units, int dim, SomDistance distance, int workers = 1)
    {
        _weights = weights;
        _units = units;
        _dim = dim;
        _distance = distance;
        _squaredNorms = new double[units];
        _dots = new double[units];
        _scores = new double[units];
        var count = Math.Clamp(workers, 1, units);
        _ranges = [.. Enumerable.Range(0, count).Select(w => (w * units / count, (w + 1) * units / count))];
        _scratch = [.. Enumerable.Range(0, count).Select(_ => new float[dim])];
        // A worker counts generations from now, not from whenever its thread first runs: a thread that started late
        // would otherwise take the first sample's release for one it had seen and wait for ever.
        var initialGeneration = _generation;
        _threads = [.. Enumerable.Range(1, count - 1).Select(w => new Thread(() => WorkerLoop(w, initialGeneration)) { IsBackground = true, Name = $"som-online-{w}" })];
        foreach (var thread in _threads)
            thread.Start();
        RefreshNorms();
    }

    /// <summary>Threads sharing each sample's work (the caller's included).</summary>
    public int Workers => _ranges.Length;

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
    public void Epoch(float[] data, ReadOnlySpan<long> order, float[] neighborhood, double learningRate)
    {
        if (order.IsEmpty)
            return;
        _data = data;
        _neighborhood = neighborhood;
        _learningRate = learningRate;
        var first = Sample(data, order[0]);
        double xx = TensorPrimitives.Dot(first, first);
        for (var u = 0; u < _units; u++)
            _scores[u] = Score(u, first, xx, _scratch[0]);
        _currentOffset = OffsetOf(order[0]);
        _currentSquaredNorm = xx;
        _epochRunning.Set();
        try
        {
            for (var i = 0; i < order.Length; i++)
            {
                _winner = TensorPrimitives.IndexOfMin<double>(_scores);
                _nextOffset = i + 1 < order.Length ? OffsetOf(order[i + 1]) : -1;
                var next = _nextOffset < 0 ? default : Sample(data, order[i + 1]);
                _nextSquaredNorm = TensorPrimitives.Dot(next, next);
                if (_threads.Length == 0)
                {
                    Step(0);
                }
                else
                {
                    Volatile.Write(ref _finishedWorkers, 0);
                    Interlocked.Increment(ref _generation); // releases the workers, publishing the fields above
                    Step(0);
                    var spin = new SpinWait();
                    while (Volatile.Read(ref _finishedWorkers) < _threads.Length)
                        spin.SpinOnce(sleep1Threshold: -1);
                }
                _currentOffset = _nextOffset;
                _currentSquaredNorm = _nextSquaredNorm;
            }
        }
        finally
        {
            _epochRunning.Reset();
        }
    }

    // Updates the units of one worker's range for the current sample and scores them against the next one.
    private void Step(int worker)
    {
        var (start, end) = _ranges[worker];
        var current = new ReadOnlySpan<float>(_data, _currentOffset, _dim);
        var hasNext = _nextOffset >= 0;
        var next = hasNext ? new ReadOnlySpan<float>(_data, _nextOffset, _dim) : default;
        var xx = _currentSquaredNorm;
        var influence = new ReadOnlySpan<float>(_neighborhood, _winner * _units, _units);
        for (var u = start; u < end; u++)
        {
            var amount = _learningRate * influence[u];
            if (amount != 0)
            {
                var row = Row(u);
                TensorPrimitives.Lerp(row, current, (float)amount, row);
                // ||(1-a) w + a x||^2 from quantities already at hand (_dots holds w.x for the current sample).
                var keep = 1 - amount;
                _squaredNorms[u] = keep * keep * _squaredNorms[u] + 2 * amount * keep * _dots[u] + amount * amount * xx;
            }
            if (hasNext)
                _scores[u] = Score(u, next, _nextSquaredNorm, _scratch[worker]);
        }
    }

    private void WorkerLoop(int worker, int seen)
    {
        while (true)
        {
            _epochRunning.Wait();
            if (_stopping)
                return;
            var spin = new SpinWait();
            while (Volatile.Read(ref _generation) == seen && _epochRunning.IsSet && !_stopping)
                spin.SpinOnce(sleep1Threshold: -1);
            if (_stopping)
                return;
            var generation = Volatile.Read(ref _generation);
            if (generation == seen)
                continue; // the epoch ended; park until the next one
            seen = generation;
            Step(worker);
            Interlocked.Increment(ref _finishedWorkers);
        }
    }

    // Smaller is better; also leaves w_u.x in _dots[u] for the norm update.
    private double Score(int unit, ReadOnlySpan<float> x, double xx, float[] scratch)
    {
        var row = Row(unit);
        double dot = TensorPrimitives.Dot<float>(row, x);
        _dots[unit] = dot;
        switch (_distance)
        {
            case SomDistance.Euclidean:
                return _squaredNorms[unit] - 2 * dot;                                 // ||x - w||^2 - ||x||^2
            case SomDistance.Cosine:
                return -dot / Math.Sqrt(Math.Max(_squaredNorms[unit] * xx, 1e-30));  // -cos(x, w)
            default:
                TensorPrimitives.Subtract(row, x, scratch);
                return TensorPrimitives.SumOfMagnitudes<float>(scratch);
        }
    }

    private int OffsetOf(long index) => checked((int)index * _dim);

    private ReadOnlySpan<float> Sample(float[] data, long index) => new(data, OffsetOf(index), _dim);

    private Span<float> Row(int unit) => new(_weights, unit * _dim, _dim);

    /// <summary>Stops the worker threads.</summary>
    public void Dispose()
    {
        _stopping = true;
        _epochRunning.Set();
        foreach (var thread in _threads)
            thread.Join();
        _epochRunning.Dispose();
    }
}
