using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// The convolutions of Adversa's networks: TorchSharp's, except that channel counts oneDNN gets wrong are padded with
/// zero channels and the padding dropped from the result. In float32 a convolution keeps input channels of at most
/// <see cref="SmallChannels"/> (an image's) and a transposed convolution output channels of at most that many, since
/// those are right; every other count becomes a multiple of <see cref="Block"/>. In bfloat16 (precision=bf16) a layer
/// with such a small count computes in float32 instead, and every count becomes 16 or a multiple of 32.
/// </summary>
/// <remarks>
/// libtorch 2.10 ships oneDNN 3.7.1, whose direct convolution kernels on blocked layouts (jit:avx2 with 8-channel
/// blocks, jit:avx512_core with 16, and the bfloat16 ones) compute wrong values when a channel count ends in a
/// partial block: measured on an AMD EPYC (Zen 5) against float64, wrong on every repetition by up to the result's own
/// size, sometimes NaN or not repeatable on two threads. A convolution's forward pass and weight gradient go wrong
/// with such input channels, its input gradient (backward by data) with such output channels too (every critic's
/// one-channel scoring layer); a transposed convolution, which runs backward by data forward, with such input
/// channels (a latent vector of 100). bfloat16's kernels also fail on odd multiples of 16 and on image-sized counts.
/// `adversa bench --part faults` reproduces the table. Zero channels add nothing, so the result is the convolution's,
/// computed by kernels that get it right; parameters keep their shapes and names, and the cost is small since only
/// the layers that touch images, scores or the latent vector have such counts. Within <see cref="DifferentiatedTwice"/>
/// a 1x1 convolution is computed as a matrix product: oneDNN's 1x1 kernels get the gradient penalty's double backward
/// wrong even at full blocks.
/// </remarks>
public static class Convolutions
{
    /// <summary>The channel block oneDNN's widest (16-lane) kernels work in; counts are padded to multiples of it.</summary>
    public const int Block = 16;

    /// <summary>The most image channels a convolution's input (a transposed convolution's output) keeps unpadded: oneDNN's small-channel path gets them right.</summary>
    public const int SmallChannels = 8;

    /// <summary>A 2-D convolution (TorchSharp's parameters, initialisation and names), guarded as above.</summary>
    public static Convolution Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true) =>
        new GuardedConv2d(inChannels, outChannels, kernelSize, stride, padding, bias);

    /// <summary>A 2-D transposed convolution (TorchSharp's parameters, initialisation and names), guarded as above.</summary>
    public static Convolution ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long outputPadding = 0, bool bias = true) =>
        new GuardedConvTranspose2d(inChannels, outChannels, kernelSize, stride, padding, outputPadding, bias);

    /// <summary>
    /// conv2d of <paramref name="input"/> with <paramref name="weight"/> (out x in x kh x kw), with channel counts oneDNN
    /// computes right, in <paramref name="computeType"/> (bf16) where both channel counts exceed <see cref="SmallChannels"/>
    /// (bfloat16's kernels get image and score layers wrong even padded, so those stay in the input's type).
    /// </summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, ScalarType? computeType = null) =>
        MixedPrecision.Run(Lowered(computeType, weight), input, weight, bias, (x, w, b) => t_differentiatedTwice > 0 && IsPointwise(w, padding)
            ? Pointwise(x, w, b, stride)
            : Padded(x, w, b, transposed: false, (px, pw, pb) => nn.functional.conv2d(px, pw, pb, stride, padding)));

    /// <summary>conv_transpose2d of <paramref name="input"/> with <paramref name="weight"/> (in x out x kh x kw), as <see cref="Conv2d(Tensor, Tensor, Tensor?, long[], long[], ScalarType?)"/>.</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] outputPadding, ScalarType? computeType = null) =>
        MixedPrecision.Run(Lowered(computeType, weight), input, weight, bias, (x, w, b) =>
            Padded(x, w, b, transposed: true, (px, pw, pb) => nn.functional.conv_transpose2d(px, pw, pb, stride, padding, outputPadding)));

    /// <summary>
    /// Marks the forward passes, until disposed, whose input gradient will itself be differentiated (a gradient penalty's,
    /// R1's): their 1x1 convolutions then run as matrix products, since oneDNN's 1x1 kernels get that second derivative
    /// wrong. Other passes keep oneDNN's kernels, which get the rest right. For this thread.
    /// </summary>
    public static IDisposable DifferentiatedTwice()
    {
        t_differentiatedTwice++;
        return new TwiceDifferentiatedScope();
    }

    [ThreadStatic]
    private static int t_differentiatedTwice;

    private sealed class TwiceDifferentiatedScope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
                return;
            _disposed = true;
            t_differentiatedTwice--;
        }
    }

    private static bool IsPointwise(Tensor weight, long[] padding) => weight.shape[2] == 1 && weight.shape[3] == 1 && padding.All(p => p == 0);

    // A 1x1 convolution is a matrix product over the channels, of every stride-th pixel. Computed so, by libtorch's
    // matrix product rather than oneDNN's 1x1 kernels (jit_1x1:avx512_core), which get the gradient penalty's double
    // backward wrong at 8 to 64 channels; the result is contiguous NCHW, as a convolution's.
    private static Tensor Pointwise(Tensor input, Tensor weight, Tensor? bias, long[] stride)
    {
        var sampled = stride.All(s => s == 1) ? input : input.slice(2, 0, input.shape[2], stride[0]).slice(3, 0, input.shape[3], stride[1]);
        var (batch, height, width) = (sampled.shape[0], sampled.shape[2], sampled.shape[3]);
        var output = matmul(weight.flatten(1), sampled.reshape(batch, sampled.shape[1], height * width));
        if (bias is not null)
            output = output + bias.unsqueeze(1);
        return output.reshape(batch, weight.shape[0], height, width);
    }

    private static ScalarType? Lowered(ScalarType? computeType, Tensor weight) =>
        Math.Min(weight.shape[0], weight.shape[1]) > SmallChannels ? computeType : null;

    // Runs compute with the channel counts padded as oneDNN needs them for the weight's type, and drops the padding.
    private static Tensor Padded(Tensor input, Tensor weight, Tensor? bias, bool transposed, Func<Tensor, Tensor, Tensor?, Tensor> compute)
    {
        var (inChannels, outChannels) = transposed ? (weight.shape[0], weight.shape[1]) : (weight.shape[1], weight.shape[0]);
        var bf16 = weight.dtype == ScalarType.BFloat16;
        // float32: a convolution's small input and a transposed convolution's small output are right as they are.
        var safeIn = bf16 ? Bf16Channels(inChannels) : !transposed && inChannels <= SmallChannels ? inChannels : Aligned(inChannels);
        var safeOut = bf16 ? Bf16Channels(outChannels) : transposed && outChannels <= SmallChannels ? outChannels : Aligned(outChannels);
        if (safeIn == inChannels && safeOut == outChannels)
            return compute(input, weight, bias);
        using var scope = NewDisposeScope();
        var paddedWeight = transposed ? Padded(Padded(weight, 0, safeIn), 1, safeOut) : Padded(Padded(weight, 0, safeOut), 1, safeIn);
        var output = compute(Padded(input, 1, safeIn), paddedWeight, bias is null ? null : Padded(bias, 0, safeOut));
        return output.narrow(1, 0, outChannels).MoveToOuterDisposeScope();
    }

    private static long Aligned(long channels) => (channels + Block - 1) / Block * Block;

    // bfloat16's kernels also get odd multiples of 16 wrong (48, 80, 112 channels): 16, or a multiple of 32.
    private static long Bf16Channels(long channels) => channels <= Block ? Block : (channels + 2 * Block - 1) / (2 * Block) * (2 * Block);

    // tensor with zeros appended along dim up to size (itself when already that size).
    private static Tensor Padded(Tensor tensor, int dim, long size)
    {
        if (tensor.shape[dim] == size)
            return tensor;
        var shape = tensor.shape.ToArray();
        shape[dim] = size - shape[dim];
        return cat([tensor, zeros(shape, tensor.dtype, tensor.device)], dim);
    }

    private sealed class GuardedConv2d(long inChannels, long outChannels, long kernelSize, long step, long zeros, bool withBias)
        : Convolution(nameof(Conv2d), inChannels, outChannels, [kernelSize, kernelSize], [step, step], [zeros, zeros], null, [1, 1], false, [0, 0], 1, withBias, PaddingModes.Zeros), IMixedPrecisionLayer
    {
        public ScalarType? ComputeType { get; set; }

        public override Tensor forward(Tensor input) => Conv2d(input, weight, bias, stride, padding!, ComputeType);
    }

    private sealed class GuardedConvTranspose2d(long inChannels, long outChannels, long kernelSize, long step, long zeros, long extra, bool withBias)
        : Convolution(nameof(ConvTranspose2d), inChannels, outChannels, [kernelSize, kernelSize], [step, step], [zeros, zeros], null, [1, 1], true, [extra, extra], 1, withBias, PaddingModes.Zeros), IMixedPrecisionLayer
    {
        public ScalarType? ComputeType { get; set; }

        public override Tensor forward(Tensor input) => ConvTranspose2d(input, weight, bias, stride, padding!, output_padding, ComputeType);
    }
}
