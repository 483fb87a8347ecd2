namespace Adversa.Som;

/// <summary>How the best-matching unit is chosen.</summary>
public enum SomDistance
{
    /// <summary>Smallest ||x - w|| (seed 000, corrected from its argmax).</summary>
    Euclidean,
    /// <summary>Smallest 1 - cos(x, w).</summary>
    Cosine,
    /// <summary>Smallest sum |x_i - w_i|.</summary>
    Manhattan,
}

/// <summary>How a map's weights start.</summary>
public enum SomInitialization
{
    /// <summary>Normal with <see cref="SomConfig.InitStd"/> (seed 000).</summary>
    Random,
    /// <summary>Randomly chosen inputs.</summary>
    Samples,
    /// <summary>Kohonen's linear initialisation: the plane of the two principal components.</summary>
    Pca,
}

/// <summary>How a map learns.</summary>
public enum SomAlgorithm
{
    /// <summary>One update per sample (seed 000).</summary>
    Online,
    /// <summary>Kohonen's batch map: one update per epoch from all samples.</summary>
    Batch,
}

/// <summary>How the learning rate and the neighbourhood width decay in the adjustment phase (<see cref="DecaySchedule"/>).</summary>
public enum DecayKind
{
    /// <summary>v0 exp(-t / tau) (seed 000).</summary>
    Exponential,
    /// <summary>From v0 linearly to the final value.</summary>
    Linear,
    /// <summary>v0 / (1 + t / (T / 2)) (MiniSom's asymptotic decay).</summary>
    Inverse,
}
