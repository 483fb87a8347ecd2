using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>The normalisation layer a network puts after its convolutions.</summary>
public enum Normalization
{
    /// <summary>Batch normalisation (the seeds' choice).</summary>
    Batch,
    /// <summary>Layer normalisation over (C, H, W) with a per-channel affine map, the usual remedy in a gradient-penalty critic (Gulrajani et al. 2017, section 4).</summary>
    Layer,
    /// <summary>No normalisation.</summary>
    None,
}

/// <summary>Builds normalisation layers by <see cref="Normalization"/>.</summary>
internal static class NormalizationLayers
{
    /// <summary>A 2-D normalisation layer over <paramref name="channels"/> feature maps.</summary>
    public static nn.Module<Tensor, Tensor> Create2d(Normalization kind, long channels) => kind switch
    {
        Normalization.Batch => nn.BatchNorm2d(channels),
        // GroupNorm with one group normalises over (C, H, W) per sample, keeping a per-channel affine map.
        Normalization.Layer => InitializedGroupNorm(1, channels),
        _ => nn.Identity(),
    };

    /// <summary>TorchSharp 0.107's GroupNorm leaves its affine weight and bias uninitialised (arbitrary memory); PyTorch sets them to 1 and 0.</summary>
    public static GroupNorm InitializedGroupNorm(long groups, long channels)
    {
        var layer = nn.GroupNorm(groups, channels);
        using (no_grad())
        {
            layer.weight!.fill_(1);
            layer.bias!.fill_(0);
        }
        return layer;
    }
}
