using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>Generator and critic architectures by configuration name, each with the image size it produces or reads.</summary>
public static class NetworkCatalog
{
    private sealed record Entry(int ImageSize, string Summary, Func<TrainingConfig, nn.Module<Tensor, Tensor>> Build);

    private static readonly Dictionary<string, Entry> Generators = new()
    {
        ["residual"] = new(64, "seed 003 residual generator (64x64)", c =>
            new ResidualGenerator(new ResidualGeneratorOptions(c.LatentDim, c.ImageChannels, c.GeneratorWidth, c.GeneratorTanh, NormalizationLayers.Parse(c.GeneratorNorm, "generator_norm")))),
        ["dcgan64"] = new(64, "seed 000 DCGAN generator (64x64)", c =>
            new DcganGenerator(new DcganGeneratorOptions(c.LatentDim, c.ImageChannels, c.GeneratorWidth, c.LeakySlope))),
        ["dcgan28"] = new(28, "seed 004 DCGAN generator (28x28)", c =>
            new SmallDcganGenerator(new SmallDcganGeneratorOptions(c.LatentDim, c.ImageChannels, c.GeneratorWidth, c.LeakySlope))),
        ["mlp28"] = new(28, "plain fully connected GAN generator (28x28, seed 002)", c =>
            new FullyConnectedGenerator(new FullyConnectedGeneratorOptions(c.LatentDim, c.ImageChannels, 28, c.GeneratorWidth))),
    };

    private static readonly Dictionary<string, Entry> Critics = new()
    {
        ["residual"] = new(64, "seed 003 residual critic (64x64)", c =>
            new ResidualCritic(new ResidualCriticOptions(c.ImageChannels, c.CriticWidth, NormalizationLayers.Parse(c.CriticNorm, "critic_norm"), ExtrasOf(c)))),
        ["dcgan64"] = new(64, "seed 000 DCGAN discriminator (64x64)", c =>
            new DcganDiscriminator(new DcganDiscriminatorOptions(c.ImageChannels, c.CriticWidth, NormalizationLayers.Parse(c.CriticNorm, "critic_norm"), c.LeakySlope, ExtrasOf(c)))),
        ["dcgan28"] = new(28, "seed 004 DCGAN discriminator (28x28)", c =>
            new SmallDcganCritic(new SmallDcganCriticOptions(c.ImageChannels, c.CriticWidth, NormalizationLayers.Parse(c.CriticNorm, "critic_norm"), c.CriticDropout, c.LeakySlope, ExtrasOf(c)))),
        ["mlp28"] = new(28, "plain fully connected GAN discriminator (28x28, seed 002)", c =>
            new FullyConnectedDiscriminator(new FullyConnectedDiscriminatorOptions(c.ImageChannels, 28, c.CriticWidth, ExtrasOf(c)))),
    };

    /// <summary>The critic options every built-in architecture takes from a configuration.</summary>
    public static CriticExtras ExtrasOf(TrainingConfig config) =>
        new(config.CriticSpectralNorm, CriticExtras.ParseBatchStatistics(config.CriticBatchStatistics), config.MinibatchKernels, config.MinibatchKernelDim);

    /// <summary>Generator names.</summary>
    public static IReadOnlyCollection<string> GeneratorNames => Generators.Keys;

    /// <summary>Makes a custom generator available to configurations as <paramref name="name"/> (replacing one of that name).</summary>
    public static void RegisterGenerator(string name, int imageSize, string summary, Func<TrainingConfig, nn.Module<Tensor, Tensor>> build) =>
        Generators[name] = new Entry(imageSize, summary, build);

    /// <summary>Makes a custom critic available to configurations as <paramref name="name"/> (replacing one of that name).</summary>
    public static void RegisterCritic(string name, int imageSize, string summary, Func<TrainingConfig, nn.Module<Tensor, Tensor>> build) =>
        Critics[name] = new Entry(imageSize, summary, build);

    /// <summary>Builds the configured generator.</summary>
    public static nn.Module<Tensor, Tensor> CreateGenerator(TrainingConfig config) => Lookup(Generators, config.Generator, "generator").Build(config);

    /// <summary>Builds the configured critic.</summary>
    public static nn.Module<Tensor, Tensor> CreateCritic(TrainingConfig config) => Lookup(Critics, config.Critic, "critic").Build(config);

    /// <summary>The image size the configured generator produces.</summary>
    public static int GeneratorImageSize(string name) => Lookup(Generators, name, "generator").ImageSize;

    /// <summary>The image size the configured critic reads.</summary>
    public static int CriticImageSize(string name) => Lookup(Critics, name, "critic").ImageSize;

    private static Entry Lookup(Dictionary<string, Entry> table, string name, string key) =>
        table.TryGetValue(name, out var entry)
            ? entry
            : throw new InvalidInputException($"{key}: unknown architecture '{name}' (expected one of: {string.Join(", ", table.Keys)})");
}
