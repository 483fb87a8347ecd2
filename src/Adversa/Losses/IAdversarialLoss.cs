using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>The adversarial objective: what the critic and the generator each minimise, given raw critic scores. Implement it to plug a loss of your own into the trainer.</summary>
public interface IAdversarialLoss
{
    /// <summary>A short name (the configuration's, for built-in losses).</summary>
    string Name { get; }

    /// <summary>The critic's loss for scores of real and generated batches.</summary>
    Tensor CriticLoss(Tensor realScores, Tensor fakeScores);

    /// <summary>The generator's loss for the critic's scores of a generated batch.</summary>
    Tensor GeneratorLoss(Tensor fakeScores);

    /// <summary>Values of a critic step worth logging beside the losses, each a column of losses.csv; none unless a loss has some.</summary>
    IEnumerable<LoggedScalar> CriticScalars(Tensor realScores, Tensor fakeScores) => [];
}
