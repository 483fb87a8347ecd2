using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>A regulariser's contribution to the critic loss: the weighted term to add, and its raw value to log under <paramref name="Name"/>.</summary>
/// <param name="Weighted">Added to the critic's loss.</param>
/// <param name="Raw">The penalty before its weight: what losses.csv and TensorBoard show.</param>
/// <param name="Name">The column (and TensorBoard tag) of <paramref name="Raw"/>, e.g. <c>gp</c> or <c>r1</c>.</param>
public sealed record CriticPenalty(Tensor Weighted, Tensor Raw, string Name);
