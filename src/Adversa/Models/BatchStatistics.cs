using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>What a critic may append to its last hidden features so that it sees the whole batch, the remedies for mode collapse of seed 004.</summary>
public enum BatchStatistics
{
    /// <summary>Each image is scored alone.</summary>
    None,
    /// <summary>The minibatch standard deviation (Karras et al. 2018): one extra feature map.</summary>
    StdDev,
    /// <summary>Minibatch discrimination (Salimans et al. 2016): one extra feature map per kernel.</summary>
    Discrimination,
}

/// <summary>Critic options shared by every architecture: spectral normalisation and a minibatch layer before the scoring layer.</summary>
/// <param name="SpectralNorm">Wrap every convolution and dense layer of the critic in <see cref="Models.SpectralNorm"/>.</param>
/// <param name="BatchStatistics">The minibatch layer between the last hidden features and the scoring layer.</param>
/// <param name="MinibatchKernels">Minibatch discrimination: B, the number of kernels (extra features).</param>
/// <param name="MinibatchKernelDim">Minibatch discrimination: C, the length of each kernel's projection.</param>
public sealed record CriticExtras(bool SpectralNorm = false, BatchStatistics BatchStatistics = BatchStatistics.None, int MinibatchKernels = 50, int MinibatchKernelDim = 5)
{
    /// <summary>No spectral normalisation, no minibatch layer.</summary>
    public static CriticExtras None { get; } = new();

    /// <summary>Names accepted for <see cref="BatchStatistics"/> in configurations.</summary>
    public static IReadOnlyList<string> BatchStatisticsNames { get; } = ["none", "stddev", "discrimination"];

    /// <summary>Parses a configuration name, listing the valid ones on failure.</summary>
    public static BatchStatistics ParseBatchStatistics(string name) => name switch
    {
        "none" => BatchStatistics.None,
        "stddev" => BatchStatistics.StdDev,
        "discrimination" => BatchStatistics.Discrimination,
        _ => throw new InvalidInputException($"critic_batch_statistics: unknown minibatch layer '{name}' (expected one of: {string.Join(", ", BatchStatisticsNames)})"),
    };

    /// <summary>Channels (or features) the minibatch layer appends.</summary>
    public int AddedChannels => BatchStatistics switch
    {
        BatchStatistics.StdDev => 1,
        BatchStatistics.Discrimination => MinibatchKernels,
        _ => 0,
    };

    /// <summary>The minibatch layer for last hidden features of <paramref name="featureCount"/> values per image.</summary>
    public nn.Module<Tensor, Tensor> CreateBatchLayer(long featureCount) => BatchStatistics switch
    {
        BatchStatistics.StdDev => new MinibatchStdDev(),
        BatchStatistics.Discrimination => new MinibatchDiscrimination(featureCount, MinibatchKernels, MinibatchKernelDim),
        _ => nn.Identity(),
    };

    /// <summary>A layer of the critic, spectrally normalised when configured.</summary>
    public nn.Module<Tensor, Tensor> Layer(nn.Module<Tensor, Tensor> layer) => Models.SpectralNorm.ApplyIf(SpectralNorm, layer);
}

/// <summary>Appends per-image statistics computed over the batch, as constant extra channels of a feature map (N x C x H x W) or extra features of a vector (N x F).</summary>
public abstract class MinibatchLayer : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module.</summary>
    protected MinibatchLayer(string name) : base(name) { }

    /// <summary>N x K statistics of the flattened features (N x F).</summary>
    protected abstract Tensor Statistics(Tensor features);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var statistics = Statistics(input.flatten(1));
        if (input.dim() > 2)
        {
            var shape = input.shape.ToArray();
            shape[1] = statistics.shape[1];
            var trailing = Enumerable.Repeat(1L, (int)input.dim() - 2);
            statistics = statistics.view([.. statistics.shape, .. trailing]).expand(shape);
        }
        return cat([input, statistics], 1).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// The minibatch standard deviation (Karras et al. 2018, section 3): the standard deviation of each
/// feature over the batch, averaged over features, appended as one constant channel. A collapsed
/// generator's batch shows a small value that real batches do not.
/// </summary>
public sealed class MinibatchStdDev : MinibatchLayer
{
    private const double Epsilon = 1e-8;

    /// <summary>Builds the layer (it has no parameters).</summary>
    public MinibatchStdDev() : base(nameof(MinibatchStdDev)) { }

    /// <inheritdoc />
    protected override Tensor Statistics(Tensor features)
    {
        var deviation = (features.var(0, unbiased: false) + Epsilon).sqrt();
        return deviation.mean().expand(features.shape[0], 1);
    }
}

/// <summary>
/// Minibatch discrimination (Salimans et al. 2016, section 3.2): features f (N x A) are projected by a
/// learned T (A x B*C) to B rows of length C per image; for kernel b, image i receives
/// sum over j != i of exp(-||M_ib - M_jb||_1), a measure of how many batch mates resemble it.
/// (The paper's sum includes j = i, a constant 1 per kernel; it is left out here.)
/// </summary>
public sealed class MinibatchDiscrimination : MinibatchLayer
{
    private readonly int _kernels;
    private readonly int _kernelDim;

    /// <summary>Builds the layer for <paramref name="features"/> inputs, <paramref name="kernels"/> outputs.</summary>
    public MinibatchDiscrimination(long features, int kernels, int kernelDim) : base(nameof(MinibatchDiscrimination))
    {
        if (kernels < 1 || kernelDim < 1)
            throw new InvalidInputException($"minibatch_kernels and minibatch_kernel_dim: must be positive (got {kernels} and {kernelDim})");
        _kernels = kernels;
        _kernelDim = kernelDim;
        // Scaled like a dense layer's initialisation, so that distances start near 1 rather than saturating exp(-d) at 0.
        using (no_grad())
            register_parameter("projection", new TorchSharp.Modules.Parameter(randn(features, (long)kernels * kernelDim) / Math.Sqrt(features)));
    }

    /// <summary>T, the projection (A x B*C). Looked up on use: Module.to(device) replaces parameters.</summary>
    public TorchSharp.Modules.Parameter Projection => get_parameter("projection") ?? throw new InvalidOperationException("minibatch discrimination projection missing");

    /// <inheritdoc />
    protected override Tensor Statistics(Tensor features)
    {
        var rows = features.matmul(Projection).view(-1, _kernels, _kernelDim);     // N x B x C
        var distances = (rows.unsqueeze(0) - rows.unsqueeze(1)).abs().sum(3);       // N x N x B
        return exp(-distances).sum(1) - 1;                                          // the j = i term is exp(0) = 1
    }
}
