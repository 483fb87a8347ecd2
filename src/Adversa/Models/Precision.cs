using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>The number format convolutions compute in.</summary>
public enum Precision
{
    /// <summary>float32 throughout.</summary>
    [JsonStringEnumMemberName("fp32")]
    Fp32,
    /// <summary>
    /// bfloat16 mixed precision: convolutions run their forward and backward passes in bfloat16 (8 bits of mantissa,
    /// float32's range), everything else in float32: weights and optimiser state, activations between layers,
    /// normalisation statistics, losses and the gradient penalty's norm.
    /// </summary>
    [JsonStringEnumMemberName("bf16")]
    Bf16,
    /// <summary>
    /// <see cref="Bf16"/> where the processor computes bfloat16 in hardware (AVX512_BF16 or AMX), else <see cref="Fp32"/>:
    /// elsewhere oneDNN emulates bfloat16 many times slower. A run directory records the choice made, not this.
    /// </summary>
    [JsonStringEnumMemberName("auto")]
    Auto,
}

/// <summary>A layer that can compute in another number format than its weights'.</summary>
public interface IMixedPrecisionLayer
{
    /// <summary>The format the layer computes in (null: its input's); its weights, input and output keep their own.</summary>
    ScalarType? ComputeType { get; set; }
}

/// <summary>Applies a <see cref="Precision"/> to a network's layers.</summary>
public static class MixedPrecision
{
    /// <summary>The compute format of <paramref name="precision"/>, or null for the weights' own.</summary>
    public static ScalarType? ComputeTypeOf(Precision precision) => Resolve(precision) == Precision.Bf16 ? ScalarType.BFloat16 : null;

    /// <summary><paramref name="precision"/> with <see cref="Precision.Auto"/> decided for this processor.</summary>
    public static Precision Resolve(Precision precision) =>
        precision != Precision.Auto ? precision : NativeBfloat16.Value ? Precision.Bf16 : Precision.Fp32;

    // Linux lists the processor's features in /proc/cpuinfo; elsewhere, fp32 (no evidence of native bfloat16).
    private static readonly Lazy<bool> NativeBfloat16 = new(() =>
    {
        try
        {
            return OperatingSystem.IsLinux() && File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(line => line.StartsWith("flags", StringComparison.Ordinal))?.Split(' ') is { } flags
                && (flags.Contains("avx512_bf16") || flags.Contains("amx_bf16"));
        }
        catch (IOException)
        {
            return false;
        }
    });

    /// <summary>Sets every <see cref="IMixedPrecisionLayer"/> of <paramref name="network"/> to compute in <paramref name="precision"/>.</summary>
    public static void Apply(nn.Module network, Precision precision)
    {
        foreach (var layer in network.modules().OfType<IMixedPrecisionLayer>())
            layer.ComputeType = ComputeTypeOf(precision);
    }

    /// <summary>
    /// <paramref name="compute"/> applied to the inputs cast to <paramref name="computeType"/>, its result cast back to
    /// <paramref name="input"/>'s type; without a compute type, <paramref name="compute"/> of the inputs as they are.
    /// Casts are differentiable: gradients reach float32 weights as float32.
    /// </summary>
    public static Tensor Run(ScalarType? computeType, Tensor input, Tensor weight, Tensor? bias, Func<Tensor, Tensor, Tensor?, Tensor> compute)
    {
        if (computeType is not { } type || type == input.dtype)
            return compute(input, weight, bias);
        using var scope = NewDisposeScope();
        return compute(input.to(type), weight.to(type), bias?.to(type)).to(input.dtype).MoveToOuterDisposeScope();
    }
}
