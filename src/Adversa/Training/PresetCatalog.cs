using Adversa.Data;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>The presets, as data. Each non-obvious value names its source. A <c>-quick</c> preset is a
/// seed experiment with narrower networks and a fixed step budget, measured here to give recognisable
/// samples within 30 minutes on 2 cores.</summary>
public static class PresetCatalog
{
    private static readonly TrainingConfig WganGpShapes = new()
    {
        Preset = "wgan-gp-shapes",
        Data = "shapes",
        ImageSize = 64,
        ImageChannels = 3,
        // Seed 000's DCGAN pair at width 16 (channels 128 ... 16): on this CPU it trains about 3x
        // faster per step than seed 003's residual nets narrowed to the same budget, which
        // collapsed to a single form (or to white, with tanh) within ten minutes.
        Generator = Architecture.Dcgan64,
        Critic = Architecture.Dcgan64,
        GeneratorWidth = 16,
        CriticWidth = 16,
        CriticNorm = Normalization.Layer, // batch norm in a gradient-penalty critic fights the penalty (Gulrajani et al. 2017, section 4)
        LatentDim = 128,
        LatentDistribution = LatentDistribution.Normal, // seed 003: tf.random.normal
        Loss = LossKind.Wasserstein,
        Regularizer = RegularizerKind.GradientPenalty,
        GpWeight = 10, // seed 003, Gulrajani et al. 2017
        NCritic = 1, // measured (README): closer shapes than with 2 (FID 1,320 and 1,163 against 1,655 and 1,728), in 60 to 75 % of the time
        GLr = 2e-4, GBeta1 = 0.5, GBeta2 = 0.9,
        DLr = 2e-4, DBeta1 = 0.5, DBeta2 = 0.9,
        BatchSize = 32,
        Epochs = 40,
        IterationsPerEpoch = 50,
        Seed = 1,
        SampleCount = 64,
    };

    private static readonly TrainingConfig WganGpShapesFull = new()
    {
        Preset = "wgan-gp-shapes-full",
        Data = "shapes",
        ImageSize = 64,
        ImageChannels = 3,
        Generator = Architecture.Residual,
        Critic = Architecture.Residual,
        CriticNorm = Normalization.None, // seed 003
        GeneratorWidth = 32, // seed 003: 512, 256, 128, 64, 32
        CriticWidth = 32,    // seed 003: 32, 64, 128, 256, 512
        LatentDim = 128,
        LatentDistribution = LatentDistribution.Normal,
        Loss = LossKind.Wasserstein,
        Regularizer = RegularizerKind.GradientPenalty,
        GpWeight = 10,
        GpNorm = GradientNormScope.Channel, // seed 003's code: reduce_sum(gradients ** 2, axis=[1, 2]) on NHWC
        NCritic = 1, // seed 003 calls several critic steps per generator step usual but shows none: --set n_critic=5
        GLr = 1e-4, GBeta1 = 0.5, GBeta2 = 0.9,
        DLr = 1e-4, DBeta1 = 0.5, DBeta2 = 0.9,
        BatchSize = 8,  // seed 003
        Epochs = 200,   // seed 003: "up to 200 epochs"
        Seed = 1,
    };

    private static readonly TrainingConfig WganGpMnist = new()
    {
        Preset = "wgan-gp-mnist",
        Data = "mnist",
        ImageSize = 28,
        ImageChannels = 1,
        Generator = Architecture.Dcgan28,
        Critic = Architecture.Dcgan28,
        GeneratorWidth = 128, // seed 004: n_filters=128 in the generator
        CriticWidth = 64,     // seed 004: n_filters=64 in the discriminator
        CriticNorm = Normalization.Batch, // seed 004; `--set critic_norm=layer` is the known remedy for its growing losses
        CriticDropout = 0.3,  // seed 004
        LeakySlope = 0.3,     // Keras' LeakyReLU default, as seed 004 uses it
        LatentDim = 20,       // seed 004: z_size = 20
        LatentDistribution = LatentDistribution.Uniform, // seed 004: mode_z = 'uniform'
        Loss = LossKind.Wasserstein,
        Regularizer = RegularizerKind.GradientPenalty,
        GpWeight = 10,        // seed 004: lambda_gp = 10.0
        NCritic = 1,          // seed 004 updates both networks on every batch
        GLr = 2e-4, GBeta1 = 0.9, GBeta2 = 0.999, // seed 004: Adam(0.0002), Keras defaults otherwise
        DLr = 2e-4, DBeta1 = 0.9, DBeta2 = 0.999,
        BatchSize = 128,      // seed 004
        Epochs = 100,         // seed 004
        Seed = 1,             // seed 004: tf.random.set_seed(1)
        SampleCount = 64,
    };

    private static readonly TrainingConfig GanMnist = new()
    {
        Preset = "gan-mnist",
        Data = "mnist",
        ImageSize = 28,
        ImageChannels = 1,
        Generator = Architecture.Mlp28,
        Critic = Architecture.Mlp28,
        GeneratorWidth = 128, // 128, 256, 512, 1024 hidden units
        CriticWidth = 256,    // 512, 256 hidden units
        LatentDim = 100,
        LatentDistribution = LatentDistribution.Normal,
        Loss = LossKind.NonSaturating, // Goodfellow et al. 2014, section 3: train G to maximise log D(G(z))
        Regularizer = RegularizerKind.None,
        NCritic = 1,
        GLr = 2e-4, GBeta1 = 0.5, GBeta2 = 0.999,
        DLr = 2e-4, DBeta1 = 0.5, DBeta2 = 0.999,
        BatchSize = 64,
        Epochs = 200,
        Seed = 1,
    };

    private static readonly TrainingConfig DcganMnist = new()
    {
        Preset = "dcgan-mnist",
        Data = "mnist",
        ImageSize = 28,
        ImageChannels = 1,
        Generator = Architecture.Dcgan28,
        Critic = Architecture.Dcgan28,
        GeneratorWidth = 128, // seed 004
        CriticWidth = 64,     // seed 004
        CriticNorm = Normalization.Batch,
        CriticDropout = 0.3,
        LeakySlope = 0.3,     // Keras' LeakyReLU default
        LatentDim = 20,
        LatentDistribution = LatentDistribution.Uniform,
        Loss = LossKind.NonSaturating,
        Regularizer = RegularizerKind.None,
        NCritic = 1,
        GLr = 2e-4, GBeta1 = 0.9, GBeta2 = 0.999, // seed 004's Adam(0.0002)
        DLr = 2e-4, DBeta1 = 0.9, DBeta2 = 0.999,
        BatchSize = 128,
        Epochs = 100,
        Seed = 1,
    };

    // Measured here (MNIST classifier, 10,000 samples): at 2,000 steps the seed's settings at these widths reach FID 321
    // and recall 0.48, these 193 and 0.70; at 3,000 steps, 172 and 0.71 in 8 minutes.
    internal static readonly TrainingConfig DcganMnistQuick = DcganMnist with
    {
        Preset = "dcgan-mnist-quick",
        GeneratorWidth = 64,
        CriticWidth = 32,
        GBeta1 = 0.5, DBeta1 = 0.5, // Radford et al. 2015: 0.9 "resulted in training oscillation and instability"
        CriticDropout = 0,          // no dropout in Radford et al.'s discriminator
        LeakySlope = 0.2,           // Radford et al. 2015
        LatentDim = 100,            // Radford et al. 2015
        LatentDistribution = LatentDistribution.Normal,
        GeneratorEmaDecay = 0.999,  // samples from the weights' running average (Yazici et al. 2019): steadier strokes
        BatchSize = 64,             // twice the steps of batch 128 in the same time, which these small networks use better
        Epochs = 30,
        IterationsPerEpoch = 100,
    };

    private static readonly TrainingConfig DcganOlivetti = new()
    {
        Preset = "dcgan-olivetti",
        Data = "olivetti",
        ImageSize = 64,
        ImageChannels = 1,
        Generator = Architecture.Dcgan64,
        Critic = Architecture.Dcgan64,
        GeneratorWidth = 128, // seed 000: 1024, 512, 256, 128
        CriticWidth = 128,    // seed 000: 128, 256, 512, 1024
        CriticNorm = Normalization.Batch,
        LeakySlope = 0.2,     // tf.nn.leaky_relu
        LatentDim = 512,      // seed 000: code_length = 512
        LatentDistribution = LatentDistribution.Uniform,
        Loss = LossKind.NonSaturating, // seed 000: sigmoid cross-entropy, G against label 1
        Regularizer = RegularizerKind.None,
        NCritic = 1,
        GLr = 5e-4, GBeta1 = 0.5, GBeta2 = 0.999, // seed 000: AdamOptimizer(0.0005, beta1=0.5)
        DLr = 1e-4, DBeta1 = 0.5, DBeta2 = 0.999, // seed 000: AdamOptimizer(0.0001, beta1=0.5)
        BatchSize = 50,
        Epochs = 500,
        IterationsPerEpoch = 8,
        Sampling = SamplingMode.Replacement,
        Seed = 1000,
        SampleCount = 20,     // seed 000 shows 20 faces
    };

    internal static readonly TrainingConfig WganFashionMnist = new()
    {
        Preset = "wgan-fashion-mnist",
        Data = "fashion-mnist",
        MaxImages = 5000,     // seed 000: the first 5,000 training images
        ImageSize = 64,       // seed 000: bicubic resize 28 -> 64
        ImageChannels = 1,
        Generator = Architecture.Dcgan64,
        Critic = Architecture.Dcgan64,
        GeneratorWidth = 128,
        CriticWidth = 128,
        CriticNorm = Normalization.Batch, // seed 000's critic keeps batch norm
        LeakySlope = 0.2,
        LatentDim = 100,
        LatentDistribution = LatentDistribution.Uniform,
        Loss = LossKind.Wasserstein,
        Regularizer = RegularizerKind.WeightClipping,
        ClipValue = 0.01,     // seed 000, Arjovsky et al. 2017
        NCritic = 5,          // seed 000
        GLr = 5e-5, GBeta1 = 0.5, GBeta2 = 0.9, // seed 000
        DLr = 5e-5, DBeta1 = 0.5, DBeta2 = 0.9,
        BatchSize = 64,
        Epochs = 100,
        // seed 000: nb_iterations = int(nb_samples / batch_size) = 78 generator steps per epoch, each after nb_critic
        // batches drawn with np.random.choice (with replacement): 390 critic batches per epoch
        IterationsPerEpoch = 5000 / 64,
        Sampling = SamplingMode.Replacement,
        Seed = 1000, // seed 000: np.random.seed(1000) and tf.set_random_seed(1000) for the chapter's examples
    };

    /// <summary>Every preset, in the order <c>adversa presets</c> lists them.</summary>
    public static IReadOnlyList<Preset> All { get; } =
    [
        new("wgan-gp-shapes", "WGAN-GP, DCGAN nets (64x64)",
            "Seed 003's task (WGAN-GP on the synthetic shapes) sized for a 2-core CPU: the default demonstration, about 4 minutes",
            WganGpShapes),
        new("wgan-gp-shapes-full", "WGAN-GP, residual nets",
            "Seed 003 at its own size (widths 512 ... 32, batch 8, 200 epochs): hours on a CPU",
            WganGpShapesFull),
        new("wgan-gp-mnist", "WGAN-GP, DCGAN nets (28x28)",
            "Seed 004's WGAN-GP on MNIST (or, given as its data, Fashion-MNIST): its networks and hyperparameters, 100 epochs",
            WganGpMnist),
        new("wgan-gp-mnist-quick", "WGAN-GP, DCGAN nets (28x28)",
            "wgan-gp-mnist narrowed (widths 64 and 32, batch 64) with Gulrajani et al.'s critic settings and a weight-averaged generator, 1,000 steps: about 8 minutes here",
            WganGpMnist with
            {
                Preset = "wgan-gp-mnist-quick",
                GeneratorWidth = 64, CriticWidth = 32,
                // Measured here: the seed's own settings at widths 32 and 16 (batch-norm critic swapped for layer
                // norm, one critic step, Adam betas 0.9 and 0.999) still showed only dotted strokes after 1,700 steps.
                CriticNorm = Normalization.Layer, // the seed's batch-norm critic lets both losses grow (Gulrajani et al. 2017, section 4)
                CriticDropout = 0,         // Gulrajani et al.'s critic has none; with a weight average, 1,000 steps then draw better than 1,500 did (README)
                GeneratorEmaDecay = 0.999, // as dcgan-mnist-quick
                NCritic = 2,
                GBeta1 = 0.5, GBeta2 = 0.9, DBeta1 = 0.5, DBeta2 = 0.9, // Gulrajani et al. 2017
                BatchSize = 64,
                Epochs = 10,
                IterationsPerEpoch = 100,
            }),
        new("gan-mnist", "GAN, fully connected nets (28x28)",
            "Seed 002's plain GAN on MNIST (the seed names no architecture: the common one after Goodfellow et al. 2014), 200 epochs",
            GanMnist),
        new("dcgan-mnist", "DCGAN, DCGAN nets (28x28)",
            "Seed 004's DCGAN networks with the cross-entropy (non-saturating) loss on MNIST, 100 epochs",
            DcganMnist),
        new("dcgan-mnist-quick", "DCGAN, DCGAN nets (28x28)",
            "dcgan-mnist narrowed (widths 64 and 32) with Radford et al.'s settings and a weight-averaged generator, 3,000 steps: about 8 minutes here",
            DcganMnistQuick),
        new("cgan-mnist-quick", "conditional DCGAN, projection critic with a classifier (28x28)",
            "dcgan-mnist-quick conditioned on the digit (class embedding and conditional batch norm in the generator, a projection critic with a classifier beside it), each digit split into 3 clusters: adversa sample draws the digit asked for",
            // bf16 where the processor has it: 459 s against 531 and 504 s, FID 12.2 between two fp32 seeds' 12.3 and 10.5 here
            DcganMnistQuick with { Preset = "cgan-mnist-quick", Condition = Conditioning.ProjectionAndClassifier, ClustersPerClass = 3, Precision = Precision.Auto }),
        new("dcgan-fashion-mnist-quick", "DCGAN, DCGAN nets (28x28)",
            "dcgan-mnist-quick on Fashion-MNIST's 60,000 garments at their own 28x28",
            DcganMnistQuick with { Preset = "dcgan-fashion-mnist-quick", Data = "fashion-mnist" }),
        new("cgan-fashion-mnist-quick", "conditional DCGAN, projection critic with a classifier (28x28)",
            "cgan-mnist-quick on Fashion-MNIST's 60,000 garments, 6,000 steps: adversa sample draws the garment asked for",
            // As it runs here: the asked garment in 96.2 % against 92.0 % with the projection alone (shirts 83 % against 64 %), FID 15.7 against 17.2; fp32, since bf16 gave FID 20.5
            DcganMnistQuick with { Preset = "cgan-fashion-mnist-quick", Data = "fashion-mnist", Condition = Conditioning.ProjectionAndClassifier, ClustersPerClass = 3, Epochs = 60 }),
        new("dcgan-olivetti", "DCGAN, DCGAN nets (64x64)",
            "Seed 000's DCGAN on the 400 Olivetti faces: 500 epochs x 8 iterations of 50 drawn with replacement; hours on a CPU",
            DcganOlivetti),
        new("dcgan-olivetti-diffaugment", "DCGAN + DiffAugment, DCGAN nets (64x64)",
            "dcgan-olivetti narrowed (width 32), its critic seeing every image through DiffAugment (colour, translation, cutout) so it cannot memorise 400 faces; 2,000 steps",
            DcganOlivetti with
            {
                Preset = "dcgan-olivetti-diffaugment",
                GeneratorWidth = 32,
                CriticWidth = 32,
                DiffAugment = AugmentationPolicy.Color | AugmentationPolicy.Translation | AugmentationPolicy.Cutout,
                Epochs = 250, // x 8 iterations of 50: 2,000 steps
            }),
        new("wgan-fashion-mnist", "WGAN (clipping), DCGAN nets (64x64)",
            "Seed 000's WGAN on the first 5,000 Fashion-MNIST images resized to 64x64: 5 critic steps, clipping at 0.01; hours on a CPU",
            WganFashionMnist),
        new("wgan-fashion-mnist-quick", "WGAN (clipping), DCGAN nets (64x64)",
            "wgan-fashion-mnist narrowed (width 16), at 4 times its learning rate, to 1,200 generator steps: about 6 minutes here",
            WganFashionMnist with
            {
                Preset = "wgan-fashion-mnist-quick",
                GeneratorWidth = 16,
                CriticWidth = 16,
                GLr = 2e-4, DLr = 2e-4, // measured here: 1,200 steps at 2e-4 draw closer to the data than 2,500 at the seed's 5e-5 (README)
                Epochs = 12,
                IterationsPerEpoch = 100,
                Seed = 1, // the seed its budget and results were measured at
            }),
        .. SnganPresets.All, .. SelfConditionedPresets.All,
    ];

    /// <summary>The preset called <paramref name="name"/>, or an error listing the valid names.</summary>
    public static Preset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new InvalidInputException("preset", name, $"not found (available: {string.Join(", ", All.Select(p => p.Name))})");
}
