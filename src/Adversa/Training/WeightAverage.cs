using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// An exponential moving average of a network's weights (Yazici et al. 2019; the generator EMA of
/// BigGAN and StyleGAN), kept in a second copy of the network that is only used for sampling. The decay
/// is warmed up as TensorFlow's ExponentialMovingAverage does with num_updates, min(decay, (1 + t) / (10 + t)),
/// so early averages are not dominated by the random initialisation. Buffers (batch-norm running
/// statistics) are copied, not averaged.
/// </summary>
public sealed class WeightAverage
{
    private readonly nn.Module _source;

    /// <summary>Starts the average at <paramref name="source"/>'s current weights, held in <paramref name="averaged"/> (the same architecture).</summary>
    public WeightAverage(nn.Module source, nn.Module averaged, double decay)
    {
        if (decay is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay must lie in (0, 1)");
        _source = source;
        Averaged = averaged;
        Decay = decay;
        using var noGrad = no_grad();
        foreach (var (target, value) in Pairs())
            target.copy_(value);
        Averaged.eval();
    }

    /// <summary>The averaged network (in inference mode).</summary>
    public nn.Module Averaged { get; }

    /// <summary>The configured decay.</summary>
    public double Decay { get; }

    /// <summary>The decay used at update number <paramref name="step"/> (0-based).</summary>
    public double DecayAt(long step) => Math.Min(Decay, (1.0 + step) / (10.0 + step));

    /// <summary>Updates so far: the step <see cref="Update()"/> warms the decay up with (a resumed run sets it to its iteration).</summary>
    public long Updates { get; set; }

    /// <summary>The next update: <see cref="Update(long)"/> at step <see cref="Updates"/>, which then advances.</summary>
    public void Update() => Update(Updates++);

    /// <summary>avg = d * avg + (1 - d) * weights, with d = <see cref="DecayAt"/>(<paramref name="step"/>); buffers are copied.</summary>
    public void Update(long step)
    {
        var decay = DecayAt(step);
        using var noGrad = no_grad();
        foreach (var (average, weight) in Averaged.parameters().Zip(_source.parameters()))
            average.mul_(decay).add_(weight, alpha: 1 - decay);
        foreach (var (target, value) in Averaged.buffers().Zip(_source.buffers()))
            target.copy_(value);
    }

    private IEnumerable<(Tensor Target, Tensor Value)> Pairs() =>
        Averaged.parameters().Zip(_source.parameters()).Select(p => ((Tensor)p.First, (Tensor)p.Second))
            .Concat(Averaged.buffers().Zip(_source.buffers()));
}
