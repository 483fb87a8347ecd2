using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>Where z comes from.</summary>
public enum LatentDistribution
{
    /// <summary>U(-1, 1) per component (seeds 000, 004).</summary>
    Uniform,
    /// <summary>N(0, 1) per component (seed 003).</summary>
    Normal,
}

/// <summary>Draws latent batches of one <see cref="LatentDistribution"/> and length.</summary>
/// <param name="Distribution">The distribution of each component.</param>
/// <param name="Dimension">Length of z.</param>
public sealed record LatentSampler(LatentDistribution Distribution, int Dimension)
{
    /// <summary>A batch of <paramref name="count"/> latent vectors on <paramref name="device"/>, drawn from libtorch's global generator (whose state a checkpoint keeps).</summary>
    public Tensor Sample(long count, Device device) => Distribution == LatentDistribution.Uniform
        ? rand([count, Dimension], device: device) * 2 - 1
        : randn([count, Dimension], device: device);

    /// <summary>
    /// A batch drawn on the CPU from <paramref name="generator"/> (leaving the global generator, and so a training
    /// run's random sequence, untouched), then moved to <paramref name="device"/>.
    /// </summary>
    public Tensor Sample(long count, Device device, Generator generator)
    {
        using var drawn = Distribution == LatentDistribution.Uniform ? rand([count, Dimension], generator: generator) * 2 - 1 : randn([count, Dimension], generator: generator);
        return drawn.to(device);
    }
}
