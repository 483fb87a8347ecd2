namespace Adversa.Losses;

/// <summary>The strength of each built-in regulariser (only the chosen one's is used).</summary>
/// <param name="GradientPenalty">lambda of <see cref="Losses.GradientPenalty"/>.</param>
/// <param name="R1">gamma of <see cref="R1Penalty"/>.</param>
/// <param name="ClipValue">The bound of <see cref="WeightClipping"/>.</param>
public sealed record RegularizerWeights(double GradientPenalty = 10, double R1 = 10, double ClipValue = 0.01);

/// <summary>The built-in losses and regularisers by kind. A loss of your own needs no entry here: pass an instance.</summary>
public static class LossCatalog
{
    /// <summary>A new loss of <paramref name="kind"/>.</summary>
    public static IAdversarialLoss Create(LossKind kind) => kind switch
    {
        LossKind.Wasserstein => new WassersteinLoss(),
        LossKind.NonSaturating => new NonSaturatingLoss(),
        LossKind.Minimax => new MinimaxLoss(),
        LossKind.Hinge => new HingeLoss(),
        LossKind.LeastSquares => new LeastSquaresLoss(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A new regulariser of <paramref name="kind"/> with its strength from <paramref name="weights"/>.</summary>
    public static ICriticRegularizer Create(RegularizerKind kind, RegularizerWeights weights) => kind switch
    {
        RegularizerKind.GradientPenalty => new GradientPenalty(weights.GradientPenalty),
        RegularizerKind.WeightClipping => new WeightClipping(weights.ClipValue),
        RegularizerKind.R1 => new R1Penalty(weights.R1),
        RegularizerKind.None => new NoRegularizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
