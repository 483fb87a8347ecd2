using System.Globalization;
using Adversa.Models;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>Checks a resolved <see cref="TrainingConfig"/> before anything is built or written, naming the key at fault.</summary>
public static class ConfigValidation
{
    /// <summary>Throws <see cref="InvalidInputException"/> on the first invalid value; <paramref name="checkDevice"/>: also that its device is here.</summary>
    public static void Validate(TrainingConfig c, bool checkDevice = true)
    {
        Positive(c.ImageSize, "image_size");
        if (c.ImageChannels is not (1 or 3))
            throw Invalid("image_channels", c.ImageChannels, "must be 1 or 3");
        Between(c.GeneratorWidth, 1, MostWidth, "generator_width");
        Between(c.CriticWidth, 1, MostWidth, "critic_width");
        if (c.Generator == Architecture.Dcgan28 && c.GeneratorWidth % 4 != 0)
            throw Invalid("generator_width", c.GeneratorWidth, "dcgan28 halves its width twice, so it must be a multiple of 4");
        Between(c.LatentDim, 1, MostLatent, "latent_dim");
        Between(c.BatchSize, 1, MostBatch, "batch_size");
        Positive(c.Epochs, "epochs");
        Between(c.NCritic, 1, 100, "n_critic");
        Between(c.GSteps, 1, 100, "g_steps");
        Between(c.RegularizerEvery, 1, 1000, "regularizer_every");
        Positive(c.SampleCount, "sample_count");
        if (c.SampleCount > MostGridImages)
            throw Invalid("sample_count", c.SampleCount, $"a grid of at most {MostGridImages} images");
        NonNegative(c.IterationsPerEpoch, "iterations_per_epoch");
        NonNegative(c.MaxImages, "max_images");
        NonNegative(c.Threads, "threads");
        NonNegative(c.EvalEvery, "eval_every");
        NonNegative(c.CheckpointEvery, "checkpoint_every");
        Between(c.Classes, 0, MostClasses, "classes");
        Positive(c.EvalSamples, "eval_samples");
        foreach (var (value, key) in new[] { (c.GLr, "g_lr"), (c.DLr, "d_lr"), (c.GpWeight, "gp_weight"), (c.R1Gamma, "r1_gamma"), (c.ClipValue, "clip_value"), (c.FeatureMatchingWeight, "feature_matching_weight"), (c.ClassLossWeight, "class_loss_weight") })
            if (!(value > 0) || !double.IsFinite(value))
                throw Invalid(key, value, "must be positive");
        Positive(c.MinibatchKernels, "minibatch_kernels");
        Positive(c.MinibatchKernelDim, "minibatch_kernel_dim");
        foreach (var (value, key) in new[] { (c.GeneratorEmaDecay, "generator_ema_decay"), (c.GBeta1, "g_beta1"), (c.GBeta2, "g_beta2"), (c.DBeta1, "d_beta1"), (c.DBeta2, "d_beta2"), (c.CriticDropout, "critic_dropout") })
            if (value is not (>= 0 and < 1))
                throw Invalid(key, value, "must be in [0, 1)");
        if (!(c.ModeSeekingWeight >= 0) || !double.IsFinite(c.ModeSeekingWeight))
            throw Invalid("mode_seeking_weight", c.ModeSeekingWeight, "must be zero (off) or positive");
        if (c.ModeSeekingWeight > 0 && c.BatchSize < 2)
            throw Invalid("mode_seeking_weight", c.ModeSeekingWeight, "pairs the generator's images: needs batch_size 2 or more");
        if (!(c.RedrawSeconds >= 0) || !double.IsFinite(c.RedrawSeconds))
            throw Invalid("redraw_seconds", c.RedrawSeconds, "must be zero or positive");
        if (!double.IsFinite(c.LeakySlope))
            throw Invalid("leaky_slope", c.LeakySlope, "must be a number");

        Defined(c.Generator, "generator");
        Defined(c.Critic, "critic");
        Defined(c.GeneratorNorm, "generator_norm");
        Defined(c.CriticNorm, "critic_norm");
        Defined(c.CriticBatchStatistics, "critic_batch_statistics");
        Defined(c.LatentDistribution, "latent_distribution");
        Defined(c.Loss, "loss");
        Defined(c.Regularizer, "regularizer");
        Defined(c.GeneratorObjective, "generator_objective");
        Defined(c.Sampling, "sampling");
        Defined(c.Precision, "precision");
        Defined(c.Condition, "condition");
        Between(c.ClustersPerClass, 1, MostClasses, "clusters_per_class");
        if (c.ClustersPerClass > 1 && c.Condition is not (Models.Conditioning.Projection or Models.Conditioning.AuxiliaryClassifier or Models.Conditioning.ProjectionAndClassifier))
            throw Invalid("clusters_per_class", c.ClustersPerClass, "splits the data's classes: needs condition projection, acgan or projection_acgan");
        if (c.EvalMetrics == 0 || (c.EvalMetrics & ~Evaluation.MetricKinds.All) != 0)
            throw Invalid("eval_metrics", c.EvalMetrics, "name at least one of fid, kid, is, pr");
        var generatorSize = Architectures.ImageSize(c.Generator);
        var criticSize = Architectures.ImageSize(c.Critic);
        if (generatorSize != criticSize)
            throw Invalid("critic", ConfigEnum.NameOf(c.Critic), $"reads {criticSize}x{criticSize} images but generator {ConfigEnum.NameOf(c.Generator)} makes {generatorSize}x{generatorSize}");
        if (c.ImageSize != generatorSize)
            throw Invalid("image_size", c.ImageSize, $"generator {ConfigEnum.NameOf(c.Generator)} makes {generatorSize}x{generatorSize} images");
        if (checkDevice)
            ComputeDevice.Resolve(c.Device);
    }

    // The fixed latent batch is drawn as one grid every epoch.
    private const int MostGridImages = 4096;

    // Beyond these, networks and batches take more memory than a machine of this kind has: a typing slip, not a wish.
    private const int MostWidth = 4096;
    private const int MostLatent = 65_536;
    private const int MostBatch = 65_536;
    private const int MostClasses = 10_000;

    private static void Between(long value, long least, long most, string key)
    {
        if (value < least || value > most)
            throw Invalid(key, value, least == 1 ? $"must be positive and at most {most}" : $"must be between {least} and {most}");
    }

    private static void Positive(long value, string key)
    {
        if (value <= 0)
            throw Invalid(key, value, "must be positive");
    }

    private static void NonNegative(long value, string key)
    {
        if (value < 0)
            throw Invalid(key, value, "must be zero or positive");
    }

    private static void Defined<T>(T value, string key) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw Invalid(key, value, $"unknown value (expected one of: {string.Join(", ", ConfigEnum.Names<T>())})");
    }

    private static InvalidInputException Invalid(string key, object value, string problem) =>
        new(key, Convert.ToString(value, CultureInfo.InvariantCulture), problem);
}
