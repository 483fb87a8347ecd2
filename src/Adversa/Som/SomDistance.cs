using Adversa.Runtime;

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

/// <summary>Configuration names of the enums of a map.</summary>
public static class SomNames
{
    /// <summary>Parses <c>distance</c>.</summary>
    public static SomDistance ParseDistance(string name) => name switch
    {
        "euclidean" => SomDistance.Euclidean,
        "cosine" => SomDistance.Cosine,
        "manhattan" => SomDistance.Manhattan,
        _ => throw new InvalidInputException($"distance: unknown distance '{name}' (expected euclidean, cosine or manhattan)"),
    };

    /// <summary>Parses <c>topology</c>.</summary>
    public static SomTopology ParseTopology(string name) => name switch
    {
        "rectangular" => SomTopology.Rectangular,
        "hexagonal" => SomTopology.Hexagonal,
        _ => throw new InvalidInputException($"topology: unknown lattice '{name}' (expected rectangular or hexagonal)"),
    };

    /// <summary>Checks <c>algorithm</c>; true for the batch map.</summary>
    public static bool ParseBatchAlgorithm(string name) => name switch
    {
        "online" => false,
        "batch" => true,
        _ => throw new InvalidInputException($"algorithm: unknown algorithm '{name}' (expected online or batch)"),
    };

    /// <summary>Checks <c>initialization</c>.</summary>
    public static string ParseInitialization(string name) => name is "random" or "samples" or "pca"
        ? name
        : throw new InvalidInputException($"initialization: unknown method '{name}' (expected random, samples or pca)");
}
