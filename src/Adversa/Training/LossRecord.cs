namespace Adversa.Training;

/// <summary>One row of losses.csv: the state after one generator step.</summary>
/// <param name="Iteration">Generator steps so far (1-based, across epochs).</param>
/// <param name="Epoch">The epoch this step belongs to (1-based).</param>
/// <param name="CriticLoss">The critic's total loss at its last step (penalty included).</param>
/// <param name="GeneratorLoss">The generator's loss.</param>
/// <param name="Penalty">The regulariser's raw value (the gradient penalty before lambda), where there is one.</param>
/// <param name="WassersteinEstimate">mean C(real) - mean C(fake), for the Wasserstein loss.</param>
public sealed record LossRecord(long Iteration, int Epoch, double CriticLoss, double GeneratorLoss, double? Penalty, double? WassersteinEstimate);
