namespace Adversa.Som;

/// <summary>
/// Everything a self-organizing map run needs, as plain values (snake_case in JSON, settable with
/// <c>--set key=value</c>). Training runs <see cref="Epochs"/> epochs of adjustment (learning rate and
/// neighbourhood width decaying by <see cref="Decay"/>), then <see cref="ConvergenceEpochs"/> epochs at the
/// final values (seed 000's two phases).
/// </summary>
public sealed record SomConfig
{
    /// <summary>The preset this configuration started from.</summary>
    public string Preset { get; init; } = "";
    /// <summary>Data-set name or path (see <c>adversa datasets</c>).</summary>
    public string Data { get; init; } = "shapes-test";
    /// <summary>Use only the first N images (0: all).</summary>
    public int MaxImages { get; init; }
    /// <summary>Then keep N images drawn at random with the seed (0: all; seed 000 uses 100 random faces).</summary>
    public int SampleCount { get; init; }
    /// <summary>Channels images of a folder are decoded to.</summary>
    public int ImageChannels { get; init; } = 1;
    /// <summary>Side images of a folder are resized to (the Olivetti faces are always 64 x 64, as seed 000 reads them).</summary>
    public int ImageSize { get; init; } = 64;

    /// <summary>Rows of units.</summary>
    public int Rows { get; init; } = 8;
    /// <summary>Columns of units.</summary>
    public int Columns { get; init; } = 8;
    /// <summary>rectangular or hexagonal.</summary>
    public SomTopology Topology { get; init; } = SomTopology.Rectangular;
    /// <summary>Whether the map's edges wrap around.</summary>
    public bool Toroidal { get; init; }
    /// <summary>euclidean, cosine or manhattan: how the winner is chosen.</summary>
    public SomDistance Distance { get; init; } = SomDistance.Euclidean;
    /// <summary>gaussian, bubble, mexican_hat or triangle.</summary>
    public NeighborhoodKind Neighborhood { get; init; } = NeighborhoodKind.Gaussian;
    /// <summary>random (normal with <see cref="InitStd"/>), samples (random inputs) or pca (the plane of the two principal components).</summary>
    public SomInitialization Initialization { get; init; } = SomInitialization.Random;
    /// <summary>Standard deviation of random initial weights (seed 000's code: 0.1).</summary>
    public double InitStd { get; init; } = 0.1;
    /// <summary>online (one update per sample, seed 000) or batch (Kohonen's batch map, one update per epoch).</summary>
    public SomAlgorithm Algorithm { get; init; } = SomAlgorithm.Online;

    /// <summary>Epochs of the adjustment phase.</summary>
    public int Epochs { get; init; } = 500;
    /// <summary>Epochs of the convergence phase, at the final values.</summary>
    public int ConvergenceEpochs { get; init; } = 500;
    /// <summary>exponential, linear or inverse decay in the adjustment phase.</summary>
    public DecayKind Decay { get; init; } = DecayKind.Exponential;
    /// <summary>Time constant of exponential decay, in epochs (seed 000's code: 100 for 500 adjustment epochs); 0 for seed 000's rule, a quarter of the adjustment epochs.</summary>
    public double Tau { get; init; } = 100;

    /// <summary>The time constant in force: <see cref="Tau"/>, or 0.25 x <see cref="Epochs"/> when it is 0 (seed 000: sigma is about 0 after 4 tau).</summary>
    public double EffectiveTau => Tau > 0 ? Tau : 0.25 * Epochs;
    /// <summary>Initial learning rate (online training only).</summary>
    public double LearningRate { get; init; } = 1.0;
    /// <summary>Learning rate of the convergence phase, and the end point of linear decay.</summary>
    public double LearningRateFinal { get; init; } = 0.2;
    /// <summary>Initial neighbourhood width, in lattice units.</summary>
    public double Sigma { get; init; } = 3.0;
    /// <summary>Neighbourhood width of the convergence phase, and the end point of linear decay.</summary>
    public double SigmaFinal { get; init; } = 1.0;
    /// <summary>Rescale every unit's weight vector to unit length after each epoch (seed 000).</summary>
    public bool NormalizeWeights { get; init; } = true;

    /// <summary>Rows per block when computing winners for many samples (bounds memory at tile x units).</summary>
    public int TileSize { get; init; } = 4096;
    /// <summary>The one seed of the run.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>libtorch threads (0: one per core).</summary>
    public int Threads { get; init; }
    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Serialises to indented snake_case JSON (<see cref="Runtime.ConfigJson"/>).</summary>
    public string ToJson() => Runtime.ConfigJson.Serialize(this);

    /// <summary>Parses JSON written by <see cref="ToJson"/>.</summary>
    public static SomConfig FromJson(string json) => Runtime.ConfigJson.Deserialize<SomConfig>(json);
}
