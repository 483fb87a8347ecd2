using Adversa.Runtime;
using TorchSharp;
using Adversa.Models;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>The built-in generator and critic of a configuration, built from its options.</summary>
internal static class NetworkFactory
{
    /// <summary>The critic options every built-in architecture takes from a configuration.</summary>
    public static CriticExtras ExtrasOf(TrainingConfig config) =>
        new(config.CriticSpectralNorm, config.CriticBatchStatistics, config.MinibatchKernels, config.MinibatchKernelDim);

    /// <summary>
    /// A new generator as <paramref name="config"/> describes it; for a conditional run, the architecture built for z
    /// and a class embedding as long, with conditional batch norm where it has batch norm, inside a
    /// <see cref="ClassConditionalGenerator"/>.
    /// </summary>
    public static nn.Module<Tensor, Tensor> CreateGenerator(TrainingConfig config)
    {
        if (config.Condition == Conditioning.None)
            return CreateGenerator(config, null);
        var condition = new ClassCondition(ClassesOf(config));
        return new ClassConditionalGenerator(CreateGenerator(config with { LatentDim = 2 * config.LatentDim }, condition), config.LatentDim, condition);
    }

    private static nn.Module<Tensor, Tensor> CreateGenerator(TrainingConfig config, ClassCondition? condition) => config.Generator switch
    {
        Architecture.Residual => new ResidualGenerator(new ResidualGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.GeneratorTanh, config.GeneratorNorm)),
        Architecture.Dcgan64 => new DcganGenerator(new DcganGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.LeakySlope, condition)),
        Architecture.Dcgan28 => new SmallDcganGenerator(new SmallDcganGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.LeakySlope, condition)),
        Architecture.Mlp28 => new FullyConnectedGenerator(new FullyConnectedGeneratorOptions(config.LatentDim, config.ImageChannels, 28, config.GeneratorWidth)),
        Architecture.Sngan28 or Architecture.Sngan64 => new SnganGenerator(new SnganGeneratorOptions(config.LatentDim, config.ImageChannels, Architectures.ImageSize(config.Generator), config.GeneratorWidth, condition)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Generator, "generator"),
    };

    /// <summary>A new critic as <paramref name="config"/> describes it; for a conditional run, with its projection, auxiliary classifier (AC-GAN's and InfoGAN's), or both.</summary>
    public static Critic CreateCritic(TrainingConfig config)
    {
        var critic = CreateUnconditionalCritic(config);
        if (config.Condition == Conditioning.None)
            return critic;
        var channels = FeatureChannels(critic, config);
        return config.Condition switch
        {
            Conditioning.Projection or Conditioning.Clusters => new ProjectionCritic(critic, channels, ClassesOf(config)),
            // The projection takes the conditions (each class's clusters, if split), the classifier the data's classes.
            Conditioning.ProjectionAndClassifier => new AuxiliaryClassifierCritic(new ProjectionCritic(critic, channels, ClassesOf(config)), channels, config.Classes),
            _ => new AuxiliaryClassifierCritic(critic, channels, ClassesOf(config)),
        };
    }

    private static Critic CreateUnconditionalCritic(TrainingConfig config) => config.Critic switch
    {
        Architecture.Residual => new ResidualCritic(new ResidualCriticOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, ExtrasOf(config))),
        Architecture.Dcgan64 => new DcganDiscriminator(new DcganDiscriminatorOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, config.LeakySlope, ExtrasOf(config))),
        Architecture.Dcgan28 => new SmallDcganCritic(new SmallDcganCriticOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, config.CriticDropout, config.LeakySlope, ExtrasOf(config))),
        Architecture.Mlp28 => new FullyConnectedDiscriminator(new FullyConnectedDiscriminatorOptions(config.ImageChannels, 28, config.CriticWidth, ExtrasOf(config))),
        Architecture.Sngan28 or Architecture.Sngan64 => new SnganCritic(new SnganCriticOptions(config.ImageChannels, Architectures.ImageSize(config.Critic), config.CriticWidth, ExtrasOf(config))),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Critic, "critic"),
    };

    // The channels of the critic's last hidden features, read off one pass of two blank images in inference mode
    // (which leaves batch-norm statistics alone): each architecture's own arithmetic need not be repeated here.
    private static long FeatureChannels(Critic critic, TrainingConfig config)
    {
        critic.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            return critic.Features(zeros(2, config.ImageChannels, config.ImageSize, config.ImageSize)).shape[1];
        }
        finally
        {
            critic.train();
        }
    }

    // The conditions the networks take: the classes, or each class's clusters (clusters_per_class).
    private static int ClassesOf(TrainingConfig config) => config.Classes > 0
        ? checked(config.Classes * config.ClustersPerClass)
        : throw new InvalidInputException("classes", "0", $"a run with condition {ConfigEnum.NameOf(config.Condition)} needs the number of classes (taken from the labelled data when training starts)");
}
