using Adversa.Models;
using static TorchSharp.torch;

namespace Adversa.Bench.Faults;

/// <summary>What is computed of a convolution: its output, and the gradients a GAN's steps ask of it.</summary>
public enum ConvolutionPass
{
    /// <summary>The output.</summary>
    Forward,
    /// <summary>The input's gradient (oneDNN's backward by data): how a critic's gradient reaches the generator and the penalty.</summary>
    BackwardData,
    /// <summary>The weights' gradient (backward by weights).</summary>
    BackwardWeights,
    /// <summary>The gradient penalty's double backward: the weights' gradient of the squared input gradient's norm.</summary>
    DoubleBackward,
}

/// <summary>How a convolution is computed.</summary>
public enum ConvolutionMode
{
    /// <summary>libtorch's conv2d and conv_transpose2d, float32.</summary>
    Plain,
    /// <summary>Through <see cref="Convolutions"/>, float32, as Adversa's networks compute.</summary>
    Guarded,
    /// <summary>Through <see cref="Convolutions"/> in bfloat16 (precision=bf16), judged with bfloat16's own tolerance.</summary>
    GuardedBf16,
}

/// <summary>Repeated runs of one pass of one convolution against the same pass in float64 (computed without oneDNN).</summary>
/// <param name="Runs">Repetitions.</param>
/// <param name="NonFinite">Runs with a NaN or infinite value.</param>
/// <param name="Wrong">Finite runs further than <see cref="ConvolutionCheck.Tolerance"/> (relative to the largest value) from float64.</param>
/// <param name="Unrepeatable">Finite runs not bit-identical to the first finite run.</param>
/// <param name="WorstError">The largest relative error seen.</param>
public sealed record CheckOutcome(int Runs, int NonFinite, int Wrong, int Unrepeatable, double WorstError)
{
    /// <summary>No run was non-finite, wrong or unrepeatable.</summary>
    public bool Clean => NonFinite == 0 && Wrong == 0 && Unrepeatable == 0;
}

/// <summary>Checks one pass of a <see cref="ConvolutionShape"/>, computed plainly by libtorch or through <see cref="Convolutions"/>' guard.</summary>
public static class ConvolutionCheck
{
    /// <summary>Relative error beyond which a float32 result counts as wrong (float32 accumulation stays near 1e-5 here).</summary>
    public const double Tolerance = 1e-3;

    /// <summary>The same for bfloat16 (8-bit mantissa: inputs rounded by up to 0.4%).</summary>
    public const double Bf16Tolerance = 3e-2;

    /// <summary>Runs <paramref name="pass"/> of <paramref name="shape"/> <paramref name="runs"/> times as <paramref name="mode"/> says.</summary>
    public static CheckOutcome Run(ConvolutionShape shape, ConvolutionPass pass, ConvolutionMode mode, int runs, long seed)
    {
        var tolerance = mode == ConvolutionMode.GuardedBf16 ? Bf16Tolerance : Tolerance;
        using var generator = new Generator((ulong)seed);
        using var input = randn([shape.Batch, shape.InChannels, shape.Size, shape.Size], generator: generator);
        long[] weightShape = shape.Transposed ? [shape.InChannels, shape.OutChannels, shape.Kernel, shape.Kernel] : [shape.OutChannels, shape.InChannels, shape.Kernel, shape.Kernel];
        using var weight = randn(weightShape, generator: generator) * (1.0 / Math.Sqrt(shape.InChannels * shape.Kernel * shape.Kernel));
        using var exact = Compute(shape, pass, ConvolutionMode.Plain, input.to(ScalarType.Float64), weight.to(ScalarType.Float64)).to(ScalarType.Float32);
        var scale = Math.Max(exact.abs().max().item<float>(), 1e-30);
        int nonFinite = 0, wrong = 0, unrepeatable = 0;
        var worst = 0.0;
        Tensor? first = null;
        try
        {
            for (var run = 0; run < runs; run++)
            {
                using var result = Compute(shape, pass, mode, input, weight);
                if (!result.isfinite().all().item<bool>())
                {
                    nonFinite++;
                    continue;
                }
                var error = (result - exact).abs().max().item<float>() / scale;
                worst = Math.Max(worst, error);
                if (error > tolerance)
                    wrong++;
                if (first is null)
                    first = result.clone();
                else if (!result.equal(first).all().item<bool>())
                    unrepeatable++;
            }
        }
        finally
        {
            first?.Dispose();
        }
        return new CheckOutcome(runs, nonFinite, wrong, unrepeatable, worst);
    }

    private static Tensor Compute(ConvolutionShape shape, ConvolutionPass pass, ConvolutionMode mode, Tensor input, Tensor weight)
    {
        using var scope = NewDisposeScope();
        var x = input.detach().requires_grad_(pass is ConvolutionPass.BackwardData or ConvolutionPass.DoubleBackward);
        var w = weight.detach().requires_grad_(pass is ConvolutionPass.BackwardWeights or ConvolutionPass.DoubleBackward);
        Tensor y;
        using (pass == ConvolutionPass.DoubleBackward ? Convolutions.DifferentiatedTwice() : null)
            y = Apply(shape, mode, x, w);
        Tensor result;
        switch (pass)
        {
            case ConvolutionPass.Forward:
                result = y.detach();
                break;
            case ConvolutionPass.BackwardData:
            case ConvolutionPass.BackwardWeights:
                y.square().sum().backward();
                result = (pass == ConvolutionPass.BackwardData ? x.grad : w.grad)!;
                break;
            default:
                // As the gradient penalty: the input gradient kept differentiable, its squared norm differentiated again.
                var gradient = autograd.grad([y.square().sum()], [x], retain_graph: true, create_graph: true)[0];
                gradient.square().sum().backward();
                result = w.grad!;
                break;
        }
        return result.detach().clone().MoveToOuterDisposeScope();
    }

    private static Tensor Apply(ConvolutionShape s, ConvolutionMode mode, Tensor x, Tensor w)
    {
        long[] stride = [s.Stride, s.Stride], padding = [s.Padding, s.Padding], outputPadding = [s.OutputPadding, s.OutputPadding];
        if (mode == ConvolutionMode.Plain)
            return s.Transposed ? nn.functional.conv_transpose2d(x, w, null, stride, padding, outputPadding) : nn.functional.conv2d(x, w, null, stride, padding);
        var computeType = mode == ConvolutionMode.GuardedBf16 ? ScalarType.BFloat16 : (ScalarType?)null;
        return s.Transposed
            ? Convolutions.ConvTranspose2d(x, w, null, stride, padding, outputPadding, computeType)
            : Convolutions.Conv2d(x, w, null, stride, padding, computeType);
    }
}
