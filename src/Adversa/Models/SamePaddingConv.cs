using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>A stride-1 convolution with TensorFlow's "same" padding, which for an even kernel pads one pixel less before than after.</summary>
/// <remarks>
/// libtorch's own padding="same" computes NaN input gradients for even kernels when the weights do not
/// require gradients (as in a generator step through a frozen critic); an explicit zero pad avoids that.
/// </remarks>
internal static class SamePaddingConv
{
    /// <summary>Zero padding (k-1)/2 before and k/2 after on both axes, then a valid k x k convolution (passed through <paramref name="wrap"/> when given, e.g. spectral normalisation).</summary>
    public static nn.Module<Tensor, Tensor> Create(long inChannels, long outChannels, long kernelSize, Func<nn.Module<Tensor, Tensor>, nn.Module<Tensor, Tensor>>? wrap = null)
    {
        wrap ??= layer => layer;
        var before = (kernelSize - 1) / 2;
        var after = kernelSize - 1 - before;
        return nn.Sequential(
            ("pad", nn.ZeroPad2d((before, after, before, after))),
            ("conv", wrap(Convolutions.Conv2d(inChannels, outChannels, kernelSize, stride: 1, padding: 0))));
    }
}
