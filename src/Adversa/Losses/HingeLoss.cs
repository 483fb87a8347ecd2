using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>The hinge loss (Lim and Ye 2017; Miyato et al. 2018): the critic minimises mean relu(1 - C(real)) + mean relu(1 + C(fake)); the generator minimises -mean C(fake).</summary>
public sealed class HingeLoss : IAdversarialLoss
{
    /// <inheritdoc />
    public string Name => "hinge";

    /// <inheritdoc />
    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        nn.functional.relu(1 - realScores).mean() + nn.functional.relu(1 + fakeScores).mean();

    /// <inheritdoc />
    public Tensor GeneratorLoss(Tensor fakeScores) => -fakeScores.mean();
}
