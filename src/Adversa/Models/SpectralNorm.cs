using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018) of a convolution or dense layer: the layer runs with
/// W / sigma(W), sigma estimated by power iteration on W reshaped to (out, rest). In training mode each
/// forward pass refines the singular-vector estimates u and v (buffers, so checkpoints keep them); in
/// inference mode they stay fixed. TorchSharp has no spectral_norm; this follows PyTorch's
/// torch.nn.utils.spectral_norm, whose raw weight stays the trainable parameter.
/// </summary>
public sealed class SpectralNorm : nn.Module<Tensor, Tensor>, IMixedPrecisionLayer
{
    private const double Epsilon = 1e-12;
    private readonly nn.Module<Tensor, Tensor> _layer;
    // Looked up on use rather than cached: Module.to(device) replaces parameter and buffer tensors.
    private readonly Func<Parameter> _weightOf;
    private readonly Func<Tensor, Tensor, Tensor> _applyWithWeight;

    /// <summary>Wraps <paramref name="layer"/>, a 2-D convolution (<see cref="Convolutions.Conv2d(long, long, long, long, long, bool)"/> or TorchSharp's) or a <see cref="Linear"/>.</summary>
    public SpectralNorm(nn.Module<Tensor, Tensor> layer, int powerIterations = 1) : base(nameof(SpectralNorm))
    {
        if (powerIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(powerIterations), "at least one power iteration per forward pass");
        PowerIterations = powerIterations;
        _layer = layer;
        switch (layer)
        {
            case Convolution conv when !conv.transposed && conv.kernel_size.Length == 2 && conv.padding_mode == PaddingModes.Zeros && conv.padding is not null
                                       && conv.groups == 1 && conv.dilation.All(d => d == 1):
                _weightOf = () => conv.weight;
                _applyWithWeight = (input, weight) => Convolutions.Conv2d(input, weight, conv.bias, conv.stride, conv.padding, ComputeType);
                break;
            case Linear linear:
                _weightOf = () => linear.weight!;
                _applyWithWeight = (input, weight) => MixedPrecision.Run(ComputeType, input, weight, linear.bias, nn.functional.linear);
                break;
            default:
                throw new ArgumentException($"spectral normalisation supports 2-D convolutions with explicit zero padding and Linear, not {layer.GetType().Name}", nameof(layer));
        }
        var weight = _weightOf();
        var rows = weight.shape[0];
        var columns = weight.numel() / rows;
        register_module("layer", _layer);
        using (no_grad())
        {
            register_buffer("u", Normalized(randn(rows, dtype: weight.dtype)));
            register_buffer("v", Normalized(randn(columns, dtype: weight.dtype)));
        }
    }

    /// <inheritdoc />
    public ScalarType? ComputeType { get; set; }

    /// <summary>Power iterations per forward pass in training mode.</summary>
    public int PowerIterations { get; }

    /// <summary>Wraps <paramref name="layer"/> when <paramref name="enabled"/>, else returns it unchanged.</summary>
    public static nn.Module<Tensor, Tensor> ApplyIf(bool enabled, nn.Module<Tensor, Tensor> layer) => enabled ? new SpectralNorm(layer) : layer;

    /// <summary>The wrapped layer.</summary>
    internal nn.Module<Tensor, Tensor> Layer => _layer;

    /// <summary>The weight the layer computes with in inference mode: the raw weight over <see cref="Sigma"/>.</summary>
    internal Tensor InferenceWeight()
    {
        using var noGrad = no_grad();
        return _weightOf() / Sigma();
    }

    /// <summary>The current estimate of the largest singular value of the raw weight (no refinement, no gradient).</summary>
    public double Sigma()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return EstimateSigma(U, V).item<float>();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        if (training)
            RefineSingularVectors();
        // Clones: the graph of this pass keeps u and v, and a later pass before backward refines them in place.
        var sigma = EstimateSigma(U.clone(), V.clone());
        return _applyWithWeight(input, _weightOf() / sigma).MoveToOuterDisposeScope();
    }

    private void RefineSingularVectors()
    {
        using var noGrad = no_grad();
        var matrix = _weightOf().flatten(1);
        Tensor u = U, v = V;
        for (var i = 0; i < PowerIterations; i++)
        {
            v.copy_(Normalized(matrix.t().mv(u)));
            u.copy_(Normalized(matrix.mv(v)));
        }
    }

    private Tensor U => get_buffer("u") ?? throw new InvalidOperationException("spectral norm buffer u missing");
    private Tensor V => get_buffer("v") ?? throw new InvalidOperationException("spectral norm buffer v missing");

    private Tensor EstimateSigma(Tensor u, Tensor v) => u.dot(_weightOf().flatten(1).mv(v));

    private static Tensor Normalized(Tensor vector) => vector / vector.norm().clamp_min(Epsilon);

}
