using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>No penalty and no constraint.</summary>
public sealed class NoRegularizer : ICriticRegularizer
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public CriticPenalty? Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake) => null;

    /// <inheritdoc />
    public void AfterCriticStep(nn.Module<Tensor, Tensor> critic) { }
}
