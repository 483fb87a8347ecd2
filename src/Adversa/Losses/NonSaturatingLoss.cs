using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Goodfellow et al. 2014's cross-entropy on logits, with the non-saturating generator loss: D learns real -> 1, fake -> 0; G minimises -log D(G(z)) (seed 000).</summary>
public sealed class NonSaturatingLoss : IAdversarialLoss
{
    /// <inheritdoc />
    public string Name => "non_saturating";

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => DiscriminatorCrossEntropy(realScores, fakeScores);

    /// <summary>The discriminator's side of the original game, shared by the minimax and non-saturating losses: cross-entropy of real logits against 1 and fake logits against 0.</summary>
    public static Tensor DiscriminatorCrossEntropy(Tensor realScores, Tensor fakeScores) =>
        nn.functional.binary_cross_entropy_with_logits(realScores, ones_like(realScores)) +
        nn.functional.binary_cross_entropy_with_logits(fakeScores, zeros_like(fakeScores));

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeScores) =>
        nn.functional.binary_cross_entropy_with_logits(fakeScores, ones_like(fakeScores));
}
