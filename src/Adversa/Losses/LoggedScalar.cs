using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>A value a loss reports beside itself (a column of losses.csv, a TensorBoard tag), e.g. the Wasserstein estimate.</summary>
/// <param name="Name">Column name: lower case, no spaces.</param>
/// <param name="Value">A scalar tensor.</param>
public sealed record LoggedScalar(string Name, Tensor Value);
