using Adversa.Data;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>Checks a resolved <see cref="TrainingConfig"/> before anything is built or written, naming the key at fault.</summary>
public static class ConfigValidation
{
    /// <summary>Throws <see cref="InvalidInputException"/> on the first invalid value.</summary>
    public static void Validate(TrainingConfig c)
    {
        Positive(c.ImageSize, "image_size");
        if (c.ImageChannels is not (1 or 3))
            throw new InvalidInputException($"image_channels: must be 1 or 3, got {c.ImageChannels}");
        Positive(c.GeneratorWidth, "generator_width");
        Positive(c.CriticWidth, "critic_width");
        if (c.Generator == "dcgan28" && c.GeneratorWidth % 4 != 0)
            throw new InvalidInputException($"generator_width: dcgan28 halves its width twice, so it must be a multiple of 4, got {c.GeneratorWidth}");
        Positive(c.LatentDim, "latent_dim");
        Positive(c.BatchSize, "batch_size");
        Positive(c.Epochs, "epochs");
        Positive(c.NCritic, "n_critic");
        Positive(c.SampleCount, "sample_count");
        NonNegative(c.IterationsPerEpoch, "iterations_per_epoch");
        NonNegative(c.MaxImages, "max_images");
        NonNegative(c.Threads, "threads");
        NonNegative(c.EvalEvery, "eval_every");
        Positive(c.EvalSamples, "eval_samples");
        if (c.EvalEvery > 0)
            Evaluation.MetricSuite.Parse(c.EvalMetrics, "eval_metrics");
        foreach (var (value, key) in new[] { (c.GLr, "g_lr"), (c.DLr, "d_lr"), (c.GpWeight, "gp_weight"), (c.R1Gamma, "r1_gamma"), (c.ClipValue, "clip_value") })
            if (value <= 0)
                throw new InvalidInputException($"{key}: must be positive, got {value}");
        Positive(c.MinibatchKernels, "minibatch_kernels");
        Positive(c.MinibatchKernelDim, "minibatch_kernel_dim");
        if (c.FeatureMatchingWeight <= 0)
            throw new InvalidInputException($"feature_matching_weight: must be positive, got {c.FeatureMatchingWeight}");
        foreach (var (value, key) in new[] { (c.GeneratorEmaDecay, "generator_ema_decay"), (c.GBeta1, "g_beta1"), (c.GBeta2, "g_beta2"), (c.DBeta1, "d_beta1"), (c.DBeta2, "d_beta2"), (c.CriticDropout, "critic_dropout") })
            if (value is < 0 or >= 1)
                throw new InvalidInputException($"{key}: must be in [0, 1), got {value}");

        var generatorSize = NetworkCatalog.GeneratorImageSize(c.Generator);
        var criticSize = NetworkCatalog.CriticImageSize(c.Critic);
        if (generatorSize != criticSize)
            throw new InvalidInputException($"critic: '{c.Critic}' reads {criticSize}x{criticSize} images but generator '{c.Generator}' makes {generatorSize}x{generatorSize}");
        if (c.ImageSize != generatorSize)
            throw new InvalidInputException($"image_size: generator '{c.Generator}' makes {generatorSize}x{generatorSize} images, got image_size {c.ImageSize}");
        NormalizationLayers.Parse(c.CriticNorm, "critic_norm");
        NormalizationLayers.Parse(c.GeneratorNorm, "generator_norm");
        CriticExtras.ParseBatchStatistics(c.CriticBatchStatistics);
        FeatureMatching.ParseObjective(c.GeneratorObjective);
        LatentDistribution.Parse(c.LatentDistribution, c.LatentDim);
        LossCatalog.CreateLoss(c.Loss);
        LossCatalog.CreateRegularizer(c);
        ParseSampling(c.Sampling);
        ComputeDevice.Resolve(c.Device);
    }

    /// <summary>Parses the <c>sampling</c> value.</summary>
    public static SamplingMode ParseSampling(string name) => name switch
    {
        "shuffle" => SamplingMode.Shuffle,
        "replacement" => SamplingMode.Replacement,
        _ => throw new InvalidInputException($"sampling: unknown mode '{name}' (expected shuffle or replacement)"),
    };

    private static void Positive(long value, string key)
    {
        if (value <= 0)
            throw new InvalidInputException($"{key}: must be positive, got {value}");
    }

    private static void NonNegative(long value, string key)
    {
        if (value < 0)
            throw new InvalidInputException($"{key}: must be zero or positive, got {value}");
    }
}
