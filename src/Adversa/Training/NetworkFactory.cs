using Adversa.Models;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>The built-in generator and critic of a configuration, built from its options.</summary>
internal static class NetworkFactory
{
    /// <summary>The critic options every built-in architecture takes from a configuration.</summary>
    public static CriticExtras ExtrasOf(TrainingConfig config) =>
        new(config.CriticSpectralNorm, config.CriticBatchStatistics, config.MinibatchKernels, config.MinibatchKernelDim);

    /// <summary>A new generator as <paramref name="config"/> describes it.</summary>
    public static nn.Module<Tensor, Tensor> CreateGenerator(TrainingConfig config) => config.Generator switch
    {
        Architecture.Residual => new ResidualGenerator(new ResidualGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.GeneratorTanh, config.GeneratorNorm)),
        Architecture.Dcgan64 => new DcganGenerator(new DcganGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.LeakySlope)),
        Architecture.Dcgan28 => new SmallDcganGenerator(new SmallDcganGeneratorOptions(config.LatentDim, config.ImageChannels, config.GeneratorWidth, config.LeakySlope)),
        Architecture.Mlp28 => new FullyConnectedGenerator(new FullyConnectedGeneratorOptions(config.LatentDim, config.ImageChannels, 28, config.GeneratorWidth)),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Generator, "generator"),
    };

    /// <summary>A new critic as <paramref name="config"/> describes it.</summary>
    public static Critic CreateCritic(TrainingConfig config) => config.Critic switch
    {
        Architecture.Residual => new ResidualCritic(new ResidualCriticOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, ExtrasOf(config))),
        Architecture.Dcgan64 => new DcganDiscriminator(new DcganDiscriminatorOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, config.LeakySlope, ExtrasOf(config))),
        Architecture.Dcgan28 => new SmallDcganCritic(new SmallDcganCriticOptions(config.ImageChannels, config.CriticWidth, config.CriticNorm, config.CriticDropout, config.LeakySlope, ExtrasOf(config))),
        Architecture.Mlp28 => new FullyConnectedDiscriminator(new FullyConnectedDiscriminatorOptions(config.ImageChannels, 28, config.CriticWidth, ExtrasOf(config))),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Critic, "critic"),
    };
}
