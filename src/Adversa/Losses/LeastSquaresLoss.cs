using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>LSGAN (Mao et al. 2017) with targets a = 0 (fake), b = 1 (real), c = 1: the critic minimises 1/2 mean (C(real) - 1)^2 + 1/2 mean C(fake)^2; the generator 1/2 mean (C(fake) - 1)^2.</summary>
public sealed class LeastSquaresLoss : IAdversarialLoss
{
    /// <inheritdoc />
    public string Name => "least_squares";

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        0.5 * (realScores - 1).square().mean() + 0.5 * fakeScores.square().mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeScores) => 0.5 * (fakeScores - 1).square().mean();
}
