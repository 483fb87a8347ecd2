using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>The adversarial objective: what the critic and the generator each minimise, given raw critic scores.</summary>
public interface IAdversarialLoss
{
    /// <summary>Configuration name.</summary>
    string Name { get; }

    /// <summary>The critic's loss for scores of real and generated batches.</summary>
    Tensor CriticLoss(Tensor realScores, Tensor fakeScores);

    /// <summary>The generator's loss for the critic's scores of a generated batch.</summary>
    Tensor GeneratorLoss(Tensor fakeScores);
}
