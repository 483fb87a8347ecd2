using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Losses;

/// <summary>Adversarial losses and critic regularisers by configuration name.</summary>
public static class LossCatalog
{
    private static readonly Dictionary<string, Func<IAdversarialLoss>> Losses = new()
    {
        ["wasserstein"] = () => new WassersteinLoss(),
        ["non_saturating"] = () => new NonSaturatingLoss(),
        ["minimax"] = () => new MinimaxLoss(),
        ["hinge"] = () => new HingeLoss(),
        ["least_squares"] = () => new LeastSquaresLoss(),
    };

    private static readonly Dictionary<string, Func<TrainingConfig, ICriticRegularizer>> Regularizers = new()
    {
        ["gradient_penalty"] = c => new GradientPenalty(c.GpWeight),
        ["weight_clipping"] = c => new WeightClipping(c.ClipValue),
        ["r1"] = c => new R1Penalty(c.R1Gamma),
        ["none"] = _ => new NoRegularizer(),
    };

    /// <summary>The configured loss.</summary>
    public static IAdversarialLoss CreateLoss(string name) =>
        Losses.TryGetValue(name, out var create)
            ? create()
            : throw new InvalidInputException($"loss: unknown loss '{name}' (expected one of: {string.Join(", ", Losses.Keys)})");

    /// <summary>The configured regulariser.</summary>
    public static ICriticRegularizer CreateRegularizer(TrainingConfig config) =>
        Regularizers.TryGetValue(config.Regularizer, out var create)
            ? create(config)
            : throw new InvalidInputException($"regularizer: unknown regularizer '{config.Regularizer}' (expected one of: {string.Join(", ", Regularizers.Keys)})");
}
