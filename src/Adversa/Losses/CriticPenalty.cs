using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>A regulariser's contribution to the critic loss: the weighted term to add and the raw value to log.</summary>
public sealed record CriticPenalty(Tensor Weighted, Tensor Raw);
