using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>The presets, as data. Each non-obvious value names its source.</summary>
public static class PresetCatalog
{
    /// <summary>Every preset, in the order <c>adversa presets</c> lists them.</summary>
    public static IReadOnlyList<Preset> All { get; } =
    [
        new("wgan-gp-shapes", "WGAN-GP, DCGAN nets (64x64)",
            "Seed 003's task (WGAN-GP on the synthetic shapes) sized for a 2-core CPU: the default demonstration, about 7 minutes",
            new TrainingConfig
            {
                Preset = "wgan-gp-shapes",
                Data = "shapes",
                ImageSize = 64,
                ImageChannels = 3,
                // Seed 000's DCGAN pair at width 16 (channels 128 ... 16): on this CPU it trains about 3x
                // faster per step than seed 003's residual nets narrowed to the same budget, which
                // collapsed to a single form (or to white, with tanh) within ten minutes.
                Generator = "dcgan64",
                Critic = "dcgan64",
                GeneratorWidth = 16,
                CriticWidth = 16,
                CriticNorm = "layer", // batch norm in a gradient-penalty critic fights the penalty (Gulrajani et al. 2017, section 4)
                LatentDim = 128,
                LatentDistribution = "normal", // seed 003: tf.random.normal
                Loss = "wasserstein",
                Regularizer = "gradient_penalty",
                GpWeight = 10, // seed 003, Gulrajani et al. 2017
                NCritic = 2,
                GLr = 2e-4, GBeta1 = 0.5, GBeta2 = 0.9,
                DLr = 2e-4, DBeta1 = 0.5, DBeta2 = 0.9,
                BatchSize = 32,
                Epochs = 40,
                IterationsPerEpoch = 50,
                Seed = 1,
                SampleCount = 64,
            }),
        new("wgan-gp-shapes-full", "WGAN-GP, residual nets",
            "Seed 003 at its own size (widths 512 ... 32, batch 8, 200 epochs): hours on a CPU",
            new TrainingConfig
            {
                Preset = "wgan-gp-shapes-full",
                Data = "shapes",
                ImageSize = 64,
                ImageChannels = 3,
                Generator = "residual",
                Critic = "residual",
                CriticNorm = "none", // seed 003
                GeneratorWidth = 32, // seed 003: 512, 256, 128, 64, 32
                CriticWidth = 32,    // seed 003: 32, 64, 128, 256, 512
                LatentDim = 128,
                LatentDistribution = "normal",
                Loss = "wasserstein",
                Regularizer = "gradient_penalty",
                GpWeight = 10,
                NCritic = 1,
                GLr = 1e-4, GBeta1 = 0.5, GBeta2 = 0.9,
                DLr = 1e-4, DBeta1 = 0.5, DBeta2 = 0.9,
                BatchSize = 8,  // seed 003
                Epochs = 200,   // seed 003: "up to 200 epochs"
                Seed = 1,
            }),
        new("wgan-gp-mnist", "WGAN-GP, DCGAN nets (28x28)",
            "Seed 004's WGAN-GP on MNIST or Fashion-MNIST IDX files (--data): its networks and hyperparameters, 100 epochs",
            new TrainingConfig
            {
                Preset = "wgan-gp-mnist",
                Data = "mnist",
                ImageSize = 28,
                ImageChannels = 1,
                Generator = "dcgan28",
                Critic = "dcgan28",
                GeneratorWidth = 128, // seed 004: n_filters=128 in the generator
                CriticWidth = 64,     // seed 004: n_filters=64 in the discriminator
                CriticNorm = "batch", // seed 004; `--set critic_norm=layer` is the known remedy for its growing losses
                CriticDropout = 0.3,  // seed 004
                LeakySlope = 0.3,     // Keras' LeakyReLU default, as seed 004 uses it
                LatentDim = 20,       // seed 004: z_size = 20
                LatentDistribution = "uniform", // seed 004: mode_z = 'uniform'
                Loss = "wasserstein",
                Regularizer = "gradient_penalty",
                GpWeight = 10,        // seed 004: lambda_gp = 10.0
                NCritic = 1,          // seed 004 updates both networks on every batch
                GLr = 2e-4, GBeta1 = 0.9, GBeta2 = 0.999, // seed 004: Adam(0.0002), Keras defaults otherwise
                DLr = 2e-4, DBeta1 = 0.9, DBeta2 = 0.999,
                BatchSize = 128,      // seed 004
                Epochs = 100,         // seed 004
                Seed = 1,             // seed 004: tf.random.set_seed(1)
                SampleCount = 64,
            }),
    ];

    /// <summary>The preset called <paramref name="name"/>, or an error listing the valid names.</summary>
    public static Preset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException($"preset '{name}' not found (available: {string.Join(", ", All.Select(p => p.Name))})");
}
