using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Goodfellow et al. 2014's original (saturating) game on logits: D learns real -> 1, fake -> 0; G minimises log(1 - D(G(z))) = -softplus(logit), whose gradient vanishes while D wins (seed 001).</summary>
public sealed class MinimaxLoss : IAdversarialLoss
{
    /// <inheritdoc />
    public string Name => "minimax";

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => NonSaturatingLoss.DiscriminatorCrossEntropy(realScores, fakeScores);

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeScores) => -nn.functional.softplus(fakeScores).mean();
}
