using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>Where z comes from: U(-1, 1) (seeds 000, 004) or N(0, 1) (seed 003). Draws from libtorch's global generator, whose state a checkpoint keeps.</summary>
public sealed class LatentDistribution
{
    private readonly bool _uniform;

    private LatentDistribution(bool uniform, int dimension)
    {
        _uniform = uniform;
        Dimension = dimension;
    }

    /// <summary>Length of z.</summary>
    public int Dimension { get; }

    /// <summary>Parses <c>uniform</c> or <c>normal</c>.</summary>
    public static LatentDistribution Parse(string name, int dimension) => name switch
    {
        "uniform" => new LatentDistribution(true, dimension),
        "normal" => new LatentDistribution(false, dimension),
        _ => throw new InvalidInputException($"latent_distribution: unknown distribution '{name}' (expected uniform or normal)"),
    };

    /// <summary>A batch of <paramref name="count"/> latent vectors on <paramref name="device"/>.</summary>
    public Tensor Sample(long count, Device device) => _uniform
        ? rand([count, Dimension], device: device) * 2 - 1
        : randn([count, Dimension], device: device);

    /// <summary>
    /// A batch drawn on the CPU from <paramref name="generator"/> (leaving the global generator, and so a training
    /// run's random sequence, untouched), then moved to <paramref name="device"/>.
    /// </summary>
    public Tensor Sample(long count, Device device, Generator generator)
    {
        using var drawn = _uniform ? rand([count, Dimension], generator: generator) * 2 - 1 : randn([count, Dimension], generator: generator);
        return drawn.to(device);
    }
}
