using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Arjovsky et al. 2017: the critic minimises mean C(fake) - mean C(real) (the negative Wasserstein estimate); the generator minimises -mean C(fake).</summary>
public sealed class WassersteinLoss : IAdversarialLoss
{
    /// <inheritdoc />
    public string Name => "wasserstein";

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) => fakeScores.mean() - realScores.mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeScores) => -fakeScores.mean();

    /// <summary>The critic's estimate of the Wasserstein distance, mean C(real) - mean C(fake), as <c>wasserstein</c>.</summary>
    public IEnumerable<LoggedScalar> CriticScalars(Tensor realScores, Tensor fakeScores) =>
        [new("wasserstein", realScores.mean() - fakeScores.mean())];
}
