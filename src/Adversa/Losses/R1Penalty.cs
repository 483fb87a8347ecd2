using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Mescheder et al. 2018's R1: gamma/2 * mean over real samples of ||grad_x C(x)||^2, penalising the critic's gradient on the data only.</summary>
public sealed class R1Penalty(double gamma) : ICriticRegularizer
{
    /// <summary>gamma (10 in the paper's experiments).</summary>
    public double Gamma { get; } = gamma;

    /// <inheritdoc />
    public string Name => "r1";

    /// <inheritdoc />
    public CriticPenalty Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        var raw = CriticInputGradient.SquaredNorms(critic, real).mean();
        return new CriticPenalty(raw * (Gamma / 2), raw, "r1");
    }

    CriticPenalty? ICriticRegularizer.Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake) => Penalty(critic, real, fake);

    /// <inheritdoc />
    public void AfterCriticStep(nn.Module<Tensor, Tensor> critic) { }
}
