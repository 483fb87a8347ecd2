namespace Adversa.Data;

/// <summary>How batches are drawn from a data set.</summary>
public enum SamplingMode
{
    /// <summary>Each epoch is a fresh permutation cut into batches; the incomplete last batch is dropped.</summary>
    Shuffle,
    /// <summary>Each batch draws indices uniformly with replacement (seed 000's sampler).</summary>
    Replacement,
}
