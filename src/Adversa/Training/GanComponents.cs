using Adversa.Data;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// The parts of a GAN: generator, critic, what each minimises (the loss, the critic's regulariser, the generator's
/// objective), their optimisers, the latent distribution and, optionally, a weight average of the generator.
/// Build them from a <see cref="TrainingConfig"/> with <see cref="FromConfig"/>, or pass your own instances; any
/// part may be replaced before training starts. Owns and disposes the networks and optimisers.
/// </summary>
public sealed class GanComponents : IDisposable
{
    /// <summary>
    /// Composes a GAN from instances. The optimisers default to Adam (lr 1e-4, betas 0.5 and 0.9) over each
    /// network's parameters; the loss to the Wasserstein loss with a gradient penalty of 10.
    /// </summary>
    public GanComponents(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, LatentSampler latent,
        IAdversarialLoss? loss = null, ICriticRegularizer? regularizer = null, OptimizerHelper? generatorOptimizer = null, OptimizerHelper? criticOptimizer = null)
    {
        Generator = generator;
        Critic = critic;
        Latent = latent;
        Loss = loss ?? new WassersteinLoss();
        Regularizer = regularizer ?? (loss is null ? new GradientPenalty(10) : new NoRegularizer());
        GeneratorOptimizer = generatorOptimizer ?? optim.Adam(generator.parameters(), 1e-4, 0.5, 0.9);
        CriticOptimizer = criticOptimizer ?? optim.Adam(critic.parameters(), 1e-4, 0.5, 0.9);
    }

    /// <summary>Differentiable augmentation applied to real and generated images before every critic evaluation (none by default).</summary>
    public AugmentationPolicy Augmentation { get; set; } = AugmentationPolicy.None;

    /// <summary>Maps z (N x latent) to images (N x C x H x W in [-1, 1]).</summary>
    public nn.Module<Tensor, Tensor> Generator { get; }

    /// <summary>Maps images to one raw score per image (N). A <see cref="Models.Critic"/> also exposes its hidden features, which feature matching needs.</summary>
    public nn.Module<Tensor, Tensor> Critic { get; }

    /// <summary>Where z comes from, and for a class-conditional generator its classes (see <see cref="LatentSampler.Classes"/>).</summary>
    public LatentSampler Latent { get; }

    /// <summary>What the critic and the generator minimise.</summary>
    public IAdversarialLoss Loss { get; set; }

    /// <summary>The critic's penalty or constraint.</summary>
    public ICriticRegularizer Regularizer { get; set; }

    /// <summary>The generator's objective: the adversarial term, feature matching, or both.</summary>
    public GeneratorObjective Objective { get; set; } = GeneratorObjective.Adversarial;

    /// <summary>Weight of the feature-matching term in <see cref="GeneratorObjective.AdversarialAndFeatureMatching"/>.</summary>
    public double FeatureMatchingWeight { get; set; } = 1;

    /// <summary>Weight of <see cref="ModeSeeking"/> in the generator's loss; 0 (off) leaves the generator's step as it is.</summary>
    public double ModeSeekingWeight { get; set; }

    /// <summary>
    /// Weight of the auxiliary classifier's cross-entropy in both players' losses when the critic is an
    /// <see cref="AuxiliaryClassifierCritic"/> (AC-GAN's, or one beside a projection).
    /// </summary>
    public double ClassLossWeight { get; set; } = 1;

    /// <summary>
    /// InfoGAN (Chen et al. 2016): the generator's classes are latent codes of its own, not the data's labels; the
    /// critic's auxiliary classifier learns to recover them from generated images only, and real images need no labels.
    /// </summary>
    public bool ClassesAreLatentCodes { get; set; }

    /// <summary>Steps the generator's optimiser.</summary>
    public OptimizerHelper GeneratorOptimizer { get; }

    /// <summary>Steps the critic's optimiser.</summary>
    public OptimizerHelper CriticOptimizer { get; }

    /// <summary>An exponential moving average of the generator's weights, used for samples when set.</summary>
    public WeightAverage? GeneratorAverage { get; set; }

    /// <summary>The device of the generator's weights, where batches and latents are put.</summary>
    public Device Device => Generator.parameters().FirstOrDefault()?.device ?? CPU;

    /// <summary>The network samples come from: the weight average when kept, else the generator (callers put it in eval mode).</summary>
    public nn.Module<Tensor, Tensor> InferenceGenerator => GeneratorAverage is { } average ? (nn.Module<Tensor, Tensor>)average.Averaged : Generator;

    /// <summary>
    /// The parts <paramref name="config"/> describes, on <paramref name="device"/> (default: the configured one):
    /// its architectures (computing in its <see cref="TrainingConfig.Precision"/>), loss, regulariser and objective, Adam
    /// with its learning rates and betas, and the weight average when <see cref="TrainingConfig.GeneratorEmaDecay"/> is set. Weights are drawn from libtorch's global
    /// generator: seed it first for a reproducible start.
    /// </summary>
    public static GanComponents FromConfig(TrainingConfig config, Device? device = null) => Compose(config, device, initialWeights: true);

    // initialWeights: false when a checkpoint will replace the weights (a resume), so init_from need not exist any more.
    internal static GanComponents Compose(TrainingConfig config, Device? device, bool initialWeights)
    {
        device ??= ComputeDevice.Resolve(config.Device);
        var generator = NetworkFactory.CreateGenerator(config);
        if (initialWeights && config.InitFrom.Length > 0)
            ModelExport.LoadWeights(generator, config.InitFrom);
        generator = generator.to(device);
        var critic = NetworkFactory.CreateCritic(config).to(device);
        var components = new GanComponents(generator, critic, LatentSampler.For(config),
            LossCatalog.Create(config.Loss),
            LossCatalog.Create(config.Regularizer, new RegularizerSettings(config.GpWeight, config.R1Gamma, config.ClipValue, config.GpNorm)),
            optim.Adam(generator.parameters(), config.GLr, config.GBeta1, config.GBeta2),
            optim.Adam(critic.parameters(), config.DLr, config.DBeta1, config.DBeta2))
        {
            Objective = config.GeneratorObjective,
            FeatureMatchingWeight = config.FeatureMatchingWeight,
            ModeSeekingWeight = config.ModeSeekingWeight,
            Augmentation = config.DiffAugment,
            ClassLossWeight = config.ClassLossWeight,
            ClassesAreLatentCodes = config.Condition == Conditioning.LatentCode,
        };
        if (config.GeneratorEmaDecay > 0)
            components.GeneratorAverage = new WeightAverage(generator, NetworkFactory.CreateGenerator(config).to(device), config.GeneratorEmaDecay);
        foreach (var network in new nn.Module?[] { generator, critic, components.GeneratorAverage?.Averaged })
            if (network is not null)
                MixedPrecision.Apply(network, config.Precision);
        return components;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Generator.Dispose();
        Critic.Dispose();
        GeneratorAverage?.Averaged.Dispose();
        GeneratorOptimizer.Dispose();
        CriticOptimizer.Dispose();
    }
}
