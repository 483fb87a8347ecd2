using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>A named starting configuration of a self-organizing map.</summary>
/// <param name="Name">What <c>adversa som train</c> takes.</param>
/// <param name="Description">One line: what it reproduces and how long it takes here.</param>
/// <param name="Config">The configuration.</param>
public sealed record SomPreset(string Name, string Description, SomConfig Config);

/// <summary>The SOM presets, as data.</summary>
public static class SomPresetCatalog
{
    /// <summary>Every SOM preset.</summary>
    public static IReadOnlyList<SomPreset> All { get; } =
    [
        new("som-olivetti", "Seed 000's Kohonen map: 8x8 units on 100 random Olivetti faces, 500 + 500 online epochs",
            new SomConfig
            {
                Preset = "som-olivetti",
                Data = "olivetti",
                SampleCount = 100,          // seed 000: X = Xcomplete[0:100] after a shuffle
                Rows = 8, Columns = 8,      // seed 000: matrix_side = 8
                Topology = SomTopology.Rectangular,
                Distance = SomDistance.Euclidean,     // seed 000 (its argmax is a bug; the winner is the nearest unit)
                Neighborhood = NeighborhoodKind.Gaussian,  // seed 000: exp(-d^2 / (2 sigma^2)) on precomputed grid distances
                Initialization = SomInitialization.Random,
                InitStd = 0.1,              // seed 000's code: np.random.normal(0, 0.1)
                Algorithm = SomAlgorithm.Online,
                Epochs = 500,               // seed 000: nb_adj_iterations
                ConvergenceEpochs = 500,    // seed 000: nb_iterations - nb_adj_iterations
                Decay = DecayKind.Exponential,
                Tau = 100,                  // seed 000's code; its text's rule, a quarter of the adjustment epochs, is tau=0
                LearningRate = 1.0, LearningRateFinal = 0.2, // seed 000: eta0, then 0.2
                Sigma = 3.0, SigmaFinal = 1.0,               // seed 000: sigma0, then 1.0
                NormalizeWeights = true,    // seed 000: W /= norm(W) every epoch
                Seed = 1000,                // seed 000: np.random.seed(1000) for the chapter's examples
            }),
        new("som-fashion-mnist", "20x20 batch map on the 60,000 Fashion-MNIST training images, PCA start, with the label map",
            new SomConfig
            {
                Preset = "som-fashion-mnist",
                Data = "fashion-mnist",
                Rows = 20, Columns = 20,
                Topology = SomTopology.Rectangular,
                Distance = SomDistance.Euclidean,
                Neighborhood = NeighborhoodKind.Gaussian,
                Initialization = SomInitialization.Pca,     // Kohonen's linear initialisation: ordered from the start
                Algorithm = SomAlgorithm.Batch,
                Epochs = 20,
                ConvergenceEpochs = 5,
                Decay = DecayKind.Linear,           // the batch map's usual shrinking radius
                Sigma = 10, SigmaFinal = 1, // half the map to one unit
                NormalizeWeights = false,   // pixel intensities, not directions
                Seed = 1,
            }),
        new("som-shapes", "10x10 hexagonal batch map of the synthetic shapes test set (10 classes), with the label map",
            new SomConfig
            {
                Preset = "som-shapes",
                Data = "shapes-test",
                ImageChannels = 3,
                Rows = 10, Columns = 10,
                Topology = SomTopology.Hexagonal,
                Distance = SomDistance.Euclidean,
                Neighborhood = NeighborhoodKind.Gaussian,
                Initialization = SomInitialization.Pca,
                Algorithm = SomAlgorithm.Batch,
                Epochs = 30,
                ConvergenceEpochs = 10,
                Decay = DecayKind.Linear,
                Sigma = 5, SigmaFinal = 0.8,
                NormalizeWeights = false,
                Seed = 1,
            }),
    ];

    /// <summary>The preset called <paramref name="name"/>, or an error listing the valid names.</summary>
    public static SomPreset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException($"SOM preset '{name}' not found (available: {string.Join(", ", All.Select(p => p.Name))})");
}
