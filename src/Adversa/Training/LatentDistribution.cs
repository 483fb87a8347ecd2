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

/// <summary>
/// Draws latent batches of one <see cref="LatentDistribution"/> and length. For a class-conditional generator
/// (<paramref name="Classes"/> &gt; 0) each row is z followed by its class as a one-hot vector, so that a latent batch
/// says what to draw and which class, and a checkpoint's fixed batch keeps both.
/// </summary>
/// <param name="Distribution">The distribution of each component of z.</param>
/// <param name="Dimension">Length of z.</param>
/// <param name="Classes">Number of classes of a conditional generator; 0 for an unconditional one.</param>
public sealed record LatentSampler(LatentDistribution Distribution, int Dimension, int Classes = 0)
{
    /// <summary>
    /// The truncation trick (Brock et al. 2019, BigGAN): each component of z drawn from its distribution cut to
    /// [-t, t], so that samples keep to where the generator saw most of its training latents: more typical images,
    /// less variety (precision up, recall down). Null, as in training: the whole distribution. Sampling only; a
    /// generator is never trained on truncated z.
    /// </summary>
    public double? Truncation
    {
        get;
        init => field = IsTruncation(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(Truncation), value, "a truncation must be positive");
    }

    /// <summary>Whether <paramref name="value"/> can be a <see cref="Truncation"/>: none, or positive and finite.</summary>
    internal static bool IsTruncation(double? value) => value is not { } t || (t > 0 && double.IsFinite(t));

    /// <summary>The sampler of <paramref name="config"/>'s generator: its distribution and length of z, and its classes when conditional.</summary>
    public static LatentSampler For(TrainingConfig config) =>
        new(config.LatentDistribution, config.LatentDim, config.Condition == Models.Conditioning.None ? 0 : checked(config.Classes * config.ClustersPerClass))
        {
            ClustersPerClass = config.ClustersPerClass,
        };

    /// <summary>
    /// How many of the <see cref="Classes"/> (the conditions the generator takes) each class of the data has: more than
    /// one when each class is split into clusters (the setting clusters_per_class), class c's being conditions
    /// c * ClustersPerClass to (c + 1) * ClustersPerClass - 1.
    /// </summary>
    public int ClustersPerClass
    {
        get;
        init => field = value >= 1 && Classes % value == 0 ? value
            : throw new ArgumentOutOfRangeException(nameof(ClustersPerClass), value, $"must divide the {Classes} conditions");
    }
    = 1;

    /// <summary>The data's classes that the generator draws: <see cref="Classes"/> unless each is split into clusters.</summary>
    public int DataClasses => Classes / ClustersPerClass;

    /// <summary>
    /// <paramref name="count"/> conditions (int64) that draw class <paramref name="classIndex"/> of the data: the class
    /// itself, or one of its clusters each, drawn uniformly from <paramref name="generator"/> (null: libtorch's global one).
    /// </summary>
    public Tensor ConditionsOfClass(int classIndex, long count, Generator? generator = null) => ClustersPerClass == 1
        ? full([count], classIndex, ScalarType.Int64)
        : randint(0, ClustersPerClass, [count], dtype: ScalarType.Int64, generator: generator).add_(classIndex * ClustersPerClass);

    /// <summary>
    /// For each row pair of <paramref name="from"/> and <paramref name="to"/>, <paramref name="steps"/> points from the first to the
    /// second (see <see cref="LatentInterpolation.Path"/>); a conditional batch's z walks by <paramref name="mode"/> and its
    /// one-hot class in a straight line, so that the walk between two classes passes through their mixtures.
    /// </summary>
    public Tensor Path(Tensor from, Tensor to, int steps, LatentPathKind mode)
    {
        if (Classes == 0)
            return LatentInterpolation.Path(from, to, steps, mode);
        using var scope = NewDisposeScope();
        var z = LatentInterpolation.Path(from.narrow(1, 0, Dimension), to.narrow(1, 0, Dimension), steps, mode);
        var classes = LatentInterpolation.Path(from.narrow(1, Dimension, Classes), to.narrow(1, Dimension, Classes), steps, LatentPathKind.Linear);
        return cat([z, classes], 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A batch of <paramref name="count"/> latent vectors on <paramref name="device"/>, drawn from libtorch's global
    /// generator (whose state a checkpoint keeps); for a conditional generator, of the classes
    /// <paramref name="labels"/> (N int64) or, without them, of uniformly drawn classes.
    /// </summary>
    public Tensor Sample(long count, Device device, Tensor? labels = null) => Draw(count, device, null, labels);

    /// <summary>
    /// A batch drawn on the CPU from <paramref name="generator"/> (leaving the global generator, and so a training
    /// run's random sequence, untouched), then moved to <paramref name="device"/>; classes as in the other overload.
    /// </summary>
    public Tensor Sample(long count, Device device, Generator generator, Tensor? labels = null)
    {
        using var drawn = Draw(count, CPU, generator, labels?.cpu());
        return drawn.to(device);
    }

    // z, then (conditional) the one-hot classes given or drawn, on device from generator (null: libtorch's global one).
    private Tensor Draw(long count, Device device, Generator? generator, Tensor? labels)
    {
        using var scope = NewDisposeScope();
        var z = Truncation is { } t ? TruncatedZ(count, t, device, generator)
            : Distribution == LatentDistribution.Uniform
            ? rand([count, Dimension], device: device, generator: generator) * 2 - 1
            : randn([count, Dimension], device: device, generator: generator);
        if (Classes == 0)
            return labels is null ? z.MoveToOuterDisposeScope() : throw new InvalidOperationException("an unconditional generator takes no classes");
        labels ??= randint(0, Classes, [count], dtype: ScalarType.Int64, device: device, generator: generator);
        if (labels.shape[0] != count)
            throw new ArgumentException($"{labels.shape[0]} classes for {count} latent vectors", nameof(labels));
        return cat([z, nn.functional.one_hot(labels.to(device), Classes).to(z.dtype)], 1).MoveToOuterDisposeScope();
    }

    // z's distribution cut to [-t, t]: the uniform one scaled, the normal one by its inverse distribution function applied
    // to a uniform draw over [Phi(-t), Phi(t)] (exact, and one draw per component where resampling would take a varying
    // number). In float64, since erf(t / sqrt 2) rounds to 1 in float32 from t = 5.8; cut below 1 so erfinv stays finite.
    private Tensor TruncatedZ(long count, double t, Device device, Generator? generator)
    {
        if (Distribution == LatentDistribution.Uniform)
            return (rand([count, Dimension], device: device, generator: generator) * 2 - 1) * Math.Min(t, 1);
        using var halfWidth = special.erf(tensor(t / Math.Sqrt(2), ScalarType.Float64));
        var bound = Math.Min(halfWidth.item<double>(), 1 - 1e-15);
        var u = (rand([count, Dimension], ScalarType.Float64, device: device, generator: generator) * 2 - 1) * bound;
        return (special.erfinv(u) * Math.Sqrt(2)).to(ScalarType.Float32);
    }

    /// <summary>The classes (N int64) of a conditional latent batch: the largest entry of each row's one-hot part.</summary>
    public Tensor LabelsOf(Tensor latents) => Classes > 0
        ? latents.narrow(1, Dimension, Classes).argmax(1)
        : throw new InvalidOperationException("an unconditional latent batch has no classes");

    /// <summary>
    /// <paramref name="count"/> conditions of the data's classes in turn (0, 1, ..., classes - 1, 0, ...), each class's
    /// clusters in turn on each round: the fixed batch's, so that every grid shows every class.
    /// </summary>
    public Tensor ClassesInTurn(long count, Device device)
    {
        using var scope = NewDisposeScope();
        var index = arange(count, dtype: ScalarType.Int64, device: device);
        return (index.remainder(DataClasses) * ClustersPerClass + index.div(DataClasses, RoundingMode.floor).remainder(ClustersPerClass)).MoveToOuterDisposeScope();
    }
}
