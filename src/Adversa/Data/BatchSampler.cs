using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>Draws index batches from a data set of a given size; all randomness comes from its own generator, whose state a checkpoint keeps.</summary>
internal sealed class BatchSampler : IDisposable
{
    private readonly long _datasetSize;
    private readonly int _batchSize;
    private readonly SamplingMode _mode;
    private readonly Generator _generator;
    private Tensor? _permutation;
    private long _cursor;

    /// <summary>Creates a sampler whose generator is seeded with <paramref name="seed"/>.</summary>
    public BatchSampler(long datasetSize, int batchSize, SamplingMode mode, long seed)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), "must be positive");
        if (mode == SamplingMode.Shuffle && batchSize > datasetSize)
            throw new ArgumentOutOfRangeException(nameof(batchSize), $"batch size {batchSize} exceeds the data set's {datasetSize} images");
        _datasetSize = datasetSize;
        _batchSize = batchSize;
        _mode = mode;
        _generator = new Generator((ulong)seed, CPU);
    }

    /// <summary>Batches in one pass over the data (the incomplete last batch dropped).</summary>
    public long BatchesPerPass => _datasetSize / _batchSize;

    /// <summary>Starts an epoch: a fresh permutation in shuffle mode.</summary>
    public void BeginEpoch()
    {
        if (_mode != SamplingMode.Shuffle)
            return;
        _permutation?.Dispose();
        // The sampler owns its permutation across iterations: keep it out of whatever dispose scope is open.
        _permutation = randperm(_datasetSize, generator: _generator).DetachFromDisposeScope();
        _cursor = 0;
    }

    /// <summary>The next batch of indices (int64, on the CPU).</summary>
    public Tensor NextIndices()
    {
        if (_mode == SamplingMode.Replacement)
            return randint(0, _datasetSize, [_batchSize], dtype: ScalarType.Int64, generator: _generator);
        if (_permutation is null || _cursor + _batchSize > _datasetSize)
            BeginEpoch();
        var indices = _permutation!.narrow(0, _cursor, _batchSize);
        _cursor += _batchSize;
        return indices;
    }

    /// <summary>The generator's state, for a checkpoint taken at an epoch boundary.</summary>
    public Tensor GetState() => _generator.get_state();

    /// <summary>Restores a state from <see cref="GetState"/>.</summary>
    public void SetState(Tensor state) => _generator.set_state(state);

    /// <inheritdoc />
    public void Dispose()
    {
        _permutation?.Dispose();
        _generator.Dispose();
    }
}
