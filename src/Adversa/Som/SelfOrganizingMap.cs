using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Som;

/// <summary>One finished epoch of <see cref="SelfOrganizingMap.Train"/>.</summary>
/// <param name="Epoch">Epochs done so far (over every call).</param>
/// <param name="LearningRate">The learning rate used (online training).</param>
/// <param name="Sigma">The neighbourhood width used.</param>
public sealed record SomEpoch(long Epoch, double LearningRate, double Sigma);

/// <summary>
/// A self-organizing map (Kohonen 1982) on TorchSharp tensors: units on a <see cref="SomGrid"/>, each with a
/// weight vector (units x dim). Winners for many samples come from one matrix product per tile,
/// ||x||^2 - 2 x.W^T + ||w||^2; the batch map's update is matrix products too. Online training follows seed
/// 000 exactly (shuffle each epoch, per-sample updates, per-epoch renormalisation) with its winner taken as
/// the smallest distance. Training continues where it stopped: a second <see cref="Train"/> call goes on
/// with the schedules' later epochs (MiniSom's and scikit-learn's partial_fit).
/// </summary>
public sealed partial class SelfOrganizingMap : IDisposable
{
    private readonly NeighborhoodKind _neighborhood;
    private readonly bool _batch;
    private readonly Generator _random;
    private Tensor _weights;

    /// <summary>A map for inputs of <paramref name="inputDim"/> values, not yet initialised.</summary>
    public SelfOrganizingMap(SomConfig config, int inputDim)
    {
        SomValidation.Validate(config);
        if (inputDim < 1)
            throw new InvalidInputException("data", config.Data, "inputs have no values");
        Config = config;
        InputDim = inputDim;
        Grid = new SomGrid(config.Rows, config.Columns, config.Topology, config.Toroidal);
        Distance = config.Distance;
        _neighborhood = config.Neighborhood;
        _batch = config.Algorithm == SomAlgorithm.Batch;
        LearningRateSchedule = DecaySchedule.Of(config.Decay, config.LearningRate, config.LearningRateFinal, config.EffectiveTau);
        SigmaSchedule = DecaySchedule.Of(config.Decay, config.Sigma, config.SigmaFinal, config.EffectiveTau);
        Device = ComputeDevice.Resolve(config.Device);
        _random = new Generator((ulong)config.Seed, Device);
        _weights = zeros(Grid.Units, inputDim, device: Device);
    }

    /// <summary>The configuration.</summary>
    public SomConfig Config { get; }
    /// <summary>The lattice.</summary>
    public SomGrid Grid { get; }
    /// <summary>Values per input.</summary>
    public int InputDim { get; }
    /// <summary>The winner's distance.</summary>
    public SomDistance Distance { get; }
    /// <summary>Where the weights live.</summary>
    public Device Device { get; }
    /// <summary>Epochs trained so far, over every <see cref="Train"/> call.</summary>
    public long EpochsDone { get; internal set; }
    /// <summary>Learning rate of the adjustment phase (replace for a custom schedule).</summary>
    public DecaySchedule LearningRateSchedule { get; set; }
    /// <summary>Neighbourhood width of the adjustment phase (replace for a custom schedule).</summary>
    public DecaySchedule SigmaSchedule { get; set; }

    /// <summary>The weights, units x dim (unit u at row u / columns, column u % columns).</summary>
    public Tensor Weights => _weights;

    /// <summary>Epochs of both phases.</summary>
    public long TotalEpochs => (long)Config.Epochs + Config.ConvergenceEpochs;

    /// <summary>Learning rate and width of global epoch <paramref name="epochIndex"/> (0-based): seed 000's t = index + 1 in adjustment, then the final values.</summary>
    public (double LearningRate, double Sigma) ScheduleAt(long epochIndex) => epochIndex < Config.Epochs
        ? (LearningRateSchedule.At(epochIndex + 1, Config.Epochs), SigmaSchedule.At(epochIndex + 1, Config.Epochs))
        : (Config.LearningRateFinal, Config.SigmaFinal);

    /// <summary>Sets the initial weights as configured, from <paramref name="data"/> (n x dim) where needed.</summary>
    public void Initialize(Tensor data)
    {
        CheckData(data);
        using var scope = NewDisposeScope();
        Tensor initial;
        switch (Config.Initialization)
        {
            case SomInitialization.Random:
                initial = normal(0, Config.InitStd, [Grid.Units, InputDim], generator: _random, device: Device);
                break;
            case SomInitialization.Samples:
                var picks = randint(0, data.shape[0], [Grid.Units], generator: _random, device: Device);
                initial = data.to(Device).index_select(0, picks).to_type(ScalarType.Float32);
                break;
            default:
                initial = PrincipalPlane(data.to(Device).to_type(ScalarType.Float32));
                break;
        }
        ReplaceWeights(initial.contiguous().MoveToOuterDisposeScope());
        EpochsDone = 0;
    }

    // Kohonen's linear initialisation: the mean plus a lattice spanning +-1 standard deviation along the two
    // principal components (rows along the first, columns along the second).
    private Tensor PrincipalPlane(Tensor data)
    {
        var mean = data.mean([0]);
        var centered = data - mean;
        var (_, singular, vt) = linalg.svd(centered, fullMatrices: false);
        var deviations = singular / Math.Sqrt(Math.Max(1, data.shape[0] - 1));
        var components = vt.shape[0];
        Tensor Axis(int k, int count) => k < components
            ? linspace(-1, 1, count, device: Device).unsqueeze(1) * (deviations[k] * vt[k]).unsqueeze(0)
            : zeros(count, InputDim, device: Device);
        var alongRows = Axis(0, Grid.Rows);      // rows x dim
        var alongColumns = Axis(1, Grid.Columns); // columns x dim
        return (mean + alongRows.unsqueeze(1) + alongColumns.unsqueeze(0)).reshape(Grid.Units, InputDim);
    }

    /// <summary>
    /// Trains <paramref name="epochs"/> more epochs (default: what remains of both phases), continuing the
    /// schedules from <see cref="EpochsDone"/>; <paramref name="onEpoch"/> hears of each finished epoch.
    /// </summary>
    public void Train(Tensor data, long? epochs = null, Action<SomEpoch>? onEpoch = null, CancellationToken cancellation = default)
    {
        CheckData(data);
        var count = epochs ?? Math.Max(0, TotalEpochs - EpochsDone);
        if (count < 0)
            throw new InvalidInputException($"epochs: must be zero or positive, got {count}");
        using var onDevice = data.to(Device).to_type(ScalarType.Float32).contiguous();
        if (_batch)
            TrainBatch(onDevice, count, onEpoch, cancellation);
        else
            TrainOnline(onDevice, count, onEpoch, cancellation);
    }

    private void TrainOnline(Tensor data, long epochs, Action<SomEpoch>? onEpoch, CancellationToken cancellation)
    {
        // The sequential per-sample loop runs on the CPU's memory; a CUDA map copies in and out per call.
        using var cpuData = data.cpu();
        var samples = cpuData.data<float>().ToArray();
        using var cpuWeights = _weights.cpu();
        var weights = cpuWeights.data<float>().ToArray();
        using var kernel = new OnlineSomKernel(weights, Grid.Units, InputDim, Distance, OnlineWorkerChoice.For(Grid.Units, InputDim, Distance, get_num_threads()));
        var n = data.shape[0];
        try
        {
            for (long e = 0; e < epochs; e++)
            {
                cancellation.ThrowIfCancellationRequested();
                var (learningRate, sigma) = ScheduleAt(EpochsDone);
                long[] order;
                using (var permutation = randperm(n, generator: _random, device: Device))
                    order = permutation.cpu().data<long>().ToArray();
                kernel.Epoch(samples, order, Neighborhood.Matrix(Grid, _neighborhood, sigma), learningRate);
                if (Config.NormalizeWeights)
                    NormalizeRows(weights);
                kernel.RefreshNorms();
                EpochsDone++;
                onEpoch?.Invoke(new SomEpoch(EpochsDone, learningRate, sigma));
            }
        }
        finally
        {
            // Also when cancelled: the weights always match EpochsDone.
            ReplaceWeights(tensor(weights, [Grid.Units, InputDim], device: Device));
        }
    }

    private void NormalizeRows(float[] weights)
    {
        for (var u = 0; u < Grid.Units; u++)
        {
            var row = new Span<float>(weights, u * InputDim, InputDim);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(row);
            if (norm > 0)
                System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
    }

    // Kohonen's batch map: every unit moves to the neighbourhood-weighted mean of the samples won by the
    // units around it, W = (H S) / (H c), with S the per-unit sums of won samples and c their counts.
    private void TrainBatch(Tensor data, long epochs, Action<SomEpoch>? onEpoch, CancellationToken cancellation)
    {
        for (long e = 0; e < epochs; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (learningRate, sigma) = ScheduleAt(EpochsDone);
            using (var scope = NewDisposeScope())
            {
                var winners = Winners(data);
                var sums = zeros(Grid.Units, InputDim, device: Device).index_add_(0, winners, data, 1);
                var counts = bincount(winners, minlength: Grid.Units).to_type(ScalarType.Float32);
                var influence = tensor(Neighborhood.Matrix(Grid, _neighborhood, sigma), [Grid.Units, Grid.Units], device: Device);
                var numerator = influence.matmul(sums);
                var denominator = influence.matmul(counts.unsqueeze(1));
                var updated = where(denominator > 1e-12, numerator / denominator.clamp_min(1e-12), _weights);
                if (Config.NormalizeWeights)
                    updated = updated / updated.norm(1, keepdim: true).clamp_min(1e-12);
                ReplaceWeights(updated.contiguous().MoveToOuterDisposeScope());
            }
            EpochsDone++;
            onEpoch?.Invoke(new SomEpoch(EpochsDone, learningRate, sigma));
        }
    }

    /// <summary>The best-matching unit of each sample (n), computed in tiles of <see cref="SomConfig.TileSize"/> rows.</summary>
    public Tensor Winners(Tensor data)
    {
        var (indices, distances) = BestUnits(data, 1);
        distances.Dispose();
        using (indices)
            return indices.squeeze(1);
    }

    /// <summary>For each sample, the <paramref name="k"/> best units (n x k, best first) and their distances (n x k).</summary>
    public (Tensor Indices, Tensor Distances) BestUnits(Tensor data, int k)
    {
        CheckData(data);
        using var scope = NewDisposeScope();
        var n = data.shape[0];
        var indices = new List<Tensor>();
        var distances = new List<Tensor>();
        var weights = _weights;
        var weightsT = weights.t();
        var unitNorms = linalg.vector_norm(weights, dims: [1]).square().unsqueeze(0); // 1 x units
        var normalizedWeightsT = Distance == SomDistance.Cosine ? (weights / weights.norm(1, keepdim: true).clamp_min(1e-12)).t() : weightsT;
        for (long start = 0; start < n; start += Config.TileSize)
        {
            var tile = data.narrow(0, start, Math.Min(Config.TileSize, n - start)).to(Device).to_type(ScalarType.Float32);
            // Scores ordered like the distance but cheaper: ||w||^2 - 2 x.w (||x||^2 is added back for the winners only).
            var score = Distance switch
            {
                SomDistance.Euclidean => addmm(unitNorms, tile, weightsT, beta: 1, alpha: -2),
                SomDistance.Cosine => -(tile / tile.norm(1, keepdim: true).clamp_min(1e-12)).matmul(normalizedWeightsT),
                _ => cdist(tile, weights, p: 1),
            };
            Tensor best, values;
            if (k == 1)
            {
                (values, best) = score.min(1, keepdim: true);
            }
            else
            {
                (values, best) = score.topk(k, dim: 1, largest: false, sorted: true);
            }
            indices.Add(best);
            distances.Add(Distance switch
            {
                SomDistance.Euclidean => (values + linalg.vector_norm(tile, dims: [1]).square().unsqueeze(1)).clamp_min(0).sqrt(),
                SomDistance.Cosine => 1 + values,
                _ => values,
            });
        }
        return (cat(indices, 0).MoveToOuterDisposeScope(), cat(distances, 0).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Writes the map (<see cref="SomMapFile"/>): magic "ADVERSA\x1ASOM", format version, the configuration as JSON,
    /// epochs done, units, dim, then the weights as little-endian float32. Written atomically.
    /// </summary>
    public void Save(string path) => SomMapFile.Save(this, path);

    /// <summary>Reads a map written by <see cref="Save"/>; a wrong or damaged file is an <see cref="InvalidInputException"/> naming it.</summary>
    public static SelfOrganizingMap Load(string path, string? device = null) => SomMapFile.Load(path, device);

    /// <summary>Replaces the weights (units x dim), e.g. with hand-made ones.</summary>
    public void SetWeights(Tensor weights)
    {
        if (!weights.shape.SequenceEqual([Grid.Units, InputDim]))
            throw new ArgumentException($"weights must be {Grid.Units} x {InputDim}", nameof(weights));
        ReplaceWeights(weights.to(Device).to_type(ScalarType.Float32).contiguous().clone());
    }

    internal void ReplaceWeights(Tensor weights)
    {
        var old = _weights;
        _weights = weights;
        old.Dispose();
    }

    private void CheckData(Tensor data)
    {
        if (data.dim() != 2 || data.shape[1] != InputDim)
            throw new InvalidInputException("data", Config.Data, $"expected samples of {InputDim} values, got shape [{string.Join(", ", data.shape)}]");
        if (data.shape[0] == 0)
            throw new InvalidInputException("data", Config.Data, "no samples");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _random.Dispose();
    }
}
