using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

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
