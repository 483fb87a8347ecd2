namespace Adversa.Losses;

/// <summary>The settings of each built-in regulariser (only the chosen one's are used).</summary>
/// <param name="GradientPenalty">lambda of <see cref="Losses.GradientPenalty"/>.</param>
/// <param name="R1">gamma of <see cref="R1Penalty"/>.</param>
/// <param name="ClipValue">The bound of <see cref="WeightClipping"/>.</param>
/// <param name="GradientNorm">What <see cref="Losses.GradientPenalty"/> takes one norm of.</param>
public sealed record RegularizerSettings(double GradientPenalty = 10, double R1 = 10, double ClipValue = 0.01, GradientNormScope GradientNorm = GradientNormScope.Sample);

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

    /// <summary>A new regulariser of <paramref name="kind"/> with its settings from <paramref name="settings"/>.</summary>
    public static ICriticRegularizer Create(RegularizerKind kind, RegularizerSettings settings) => kind switch
    {
        RegularizerKind.GradientPenalty => new GradientPenalty(settings.GradientPenalty, settings.GradientNorm),
        RegularizerKind.WeightClipping => new WeightClipping(settings.ClipValue),
        RegularizerKind.R1 => new R1Penalty(settings.R1),
        RegularizerKind.None => new NoRegularizer(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
