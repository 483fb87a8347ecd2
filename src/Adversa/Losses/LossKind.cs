namespace Adversa.Losses;

/// <summary>The built-in adversarial losses (<see cref="LossCatalog.Create(LossKind)"/>).</summary>
public enum LossKind
{
    /// <summary><see cref="WassersteinLoss"/>.</summary>
    Wasserstein,
    /// <summary><see cref="NonSaturatingLoss"/>.</summary>
    NonSaturating,
    /// <summary><see cref="MinimaxLoss"/>.</summary>
    Minimax,
    /// <summary><see cref="HingeLoss"/>.</summary>
    Hinge,
    /// <summary><see cref="LeastSquaresLoss"/>.</summary>
    LeastSquares,
}

/// <summary>The built-in critic regularisers (<see cref="LossCatalog.Create(RegularizerKind, RegularizerSettings)"/>).</summary>
public enum RegularizerKind
{
    /// <summary><see cref="GradientPenalty"/>.</summary>
    GradientPenalty,
    /// <summary><see cref="WeightClipping"/>.</summary>
    WeightClipping,
    /// <summary><see cref="R1Penalty"/>.</summary>
    R1,
    /// <summary><see cref="NoRegularizer"/>.</summary>
    None,
}
