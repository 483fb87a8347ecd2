using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Arjovsky et al. 2017 (seed 000's WGAN): after each critic step every critic weight is clipped to [-bound, bound].</summary>
public sealed class WeightClipping(double bound) : ICriticRegularizer
{
    /// <summary>The clipping bound c (0.01 in the paper and the seed).</summary>
    public double Bound { get; } = bound;

    /// <inheritdoc />
    public string Name => "weight_clipping";

    /// <inheritdoc />
    public CriticPenalty? Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake) => null;

    /// <inheritdoc />
    public void AfterCriticStep(nn.Module<Tensor, Tensor> critic)
    {
        using var noGrad = no_grad();
        foreach (var parameter in critic.parameters())
            parameter.clamp_(-Bound, Bound);
    }
}
