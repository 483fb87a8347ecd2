using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>Keeps the critic well behaved: a penalty added to its loss, a constraint applied after its step, or both.</summary>
public interface ICriticRegularizer
{
    /// <summary>Configuration name.</summary>
    string Name { get; }

    /// <summary>The penalty for this critic step, or null when the regulariser adds none.</summary>
    CriticPenalty? Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake);

    /// <summary>Called after each optimiser step of the critic.</summary>
    void AfterCriticStep(nn.Module<Tensor, Tensor> critic);
}
