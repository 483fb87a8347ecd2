namespace Adversa.Training;

/// <summary>A named value logged beside the losses (a column of losses.csv).</summary>
/// <param name="Name">Column name.</param>
/// <param name="Value">The value.</param>
public readonly record struct NamedValue(string Name, double Value);

/// <summary>One row of losses.csv: the state after one generator step.</summary>
/// <param name="Iteration">Generator steps so far (1-based, across epochs).</param>
/// <param name="Epoch">The epoch this step belongs to (1-based).</param>
/// <param name="CriticLoss">The critic's total loss at its last step (penalty included).</param>
/// <param name="GeneratorLoss">The generator's loss.</param>
/// <param name="Scalars">What the loss and the regulariser report of themselves, in column order: e.g. <c>gp</c> (the gradient penalty before lambda), <c>wasserstein</c> (mean C(real) - mean C(fake)).</param>
public sealed record LossRecord(long Iteration, int Epoch, double CriticLoss, double GeneratorLoss, IReadOnlyList<NamedValue> Scalars)
{
    /// <summary>The value of the scalar named <paramref name="name"/>, or null when this run logs none of that name.</summary>
    public double? Scalar(string name)
    {
        foreach (var scalar in Scalars)
            if (scalar.Name == name)
                return scalar.Value;
        return null;
    }

    /// <summary>Equal when every column is.</summary>
    public bool Equals(LossRecord? other) =>
        other is not null && Iteration == other.Iteration && Epoch == other.Epoch && CriticLoss.Equals(other.CriticLoss)
        && GeneratorLoss.Equals(other.GeneratorLoss) && Scalars.SequenceEqual(other.Scalars);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Iteration, Epoch, CriticLoss, GeneratorLoss, Scalars.Count);
}
