using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>What to measure of a run, and against what.</summary>
/// <param name="RunDirectory">The run whose generator is measured.</param>
/// <param name="Metrics">Which metrics.</param>
/// <param name="Samples">Generated images (or, with <paramref name="Real"/>, real training images).</param>
/// <param name="Features">A feature network's name or file; null: the built-in one that suits the run's data.</param>
/// <param name="Reference">The reference images (a data set's test split, or a folder); null: the run's data's test split.</param>
/// <param name="Real">Measure a random subset of the training images instead of the generator: the floor a perfect generator would reach.</param>
/// <param name="StatisticsPath">Where to write the measured images' feature mean and covariance (.npz), or null.</param>
/// <param name="Seed">Seed of the latents, the real subset and the KID subsets.</param>
/// <param name="Device">cpu, cuda or cuda:N.</param>
/// <param name="Truncation">The truncation trick's t for the generator's z (<see cref="LatentSampler.Truncation"/>); null: z as in training.</param>
public sealed record EvaluationRequest(string RunDirectory, MetricKinds Metrics = MetricKinds.All, int Samples = 10_000, string? Features = null,
    string? Reference = null, bool Real = false, string? StatisticsPath = null, long Seed = 0, string Device = "cpu", double? Truncation = null);

/// <summary>
/// FID, KID, IS and precision/recall of a run's generator against the test split of its data, through the same
/// resampling for real and generated images (clean-fid's point); the result of a generator is also kept in the run's
/// evaluation.json.
/// </summary>
public static class RunEvaluation
{
    /// <summary>Measures as <paramref name="request"/> says; <paramref name="progress"/> hears (done, total, what) as images are embedded.</summary>
    public static MetricResults Measure(EvaluationRequest request, Action<long, long, string>? progress = null)
    {
        if (request.Samples < 2)
            throw new InvalidInputException("samples", request.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture), "need at least 2 (and thousands for a meaningful FID)");
        if (request.Real && request.Truncation is { } cut)
            throw new InvalidInputException("truncation", cut.ToString(System.Globalization.CultureInfo.InvariantCulture), "applies to a generator's z, not when measuring real images");
        if (request.StatisticsPath is { } statsPath)
        {
            if (!statsPath.EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException("save_stats", statsPath, "expected a .npz file name");
            OutputPath.CheckFile(statsPath, "save_stats");
        }
        var device = ComputeDevice.Resolve(request.Device);
        using var generator = TrainedGenerator.Load(request.RunDirectory);
        generator.Truncation = request.Truncation;
        var config = generator.Config;
        var data = DataSource.Resolve(config.Data);
        using var network = FeatureNetworkCatalog.For(data, request.Features, device);
        var reference = request.Reference is { } named ? DataSource.Resolve(named) : data;
        var (referenceImages, referenceDescription) = EvaluationReference.Load(reference, config.Seed, config.ImageChannels, config.ImageSize, allowWhole: request.Reference is not null);
        MetricResults result;
        using (referenceImages)
        {
            var total = referenceImages.Count + request.Samples;
            using var referenceEmbedding = Embedding.Of(network, Embedding.Batches(referenceImages.Images), done => progress?.Invoke(done, total, "reference"));
            long[] realLabels = [];
            var (measured, measuredEmbedding) = request.Real
                ? EmbedRealSubset(data, config, request, network, out realLabels, done => progress?.Invoke(referenceImages.Count + done, total, "real"))
                : ($"generator of {request.RunDirectory}{(request.Truncation is { } t ? $", z truncated at {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "")}", Embedding.Of(network, generator.SampleBatches(request.Samples, request.Seed), done => progress?.Invoke(referenceImages.Count + done, total, "generated")));
            using (measuredEmbedding)
            {
                if (request.StatisticsPath is not null)
                    FeatureStatisticsFile.Save(request.StatisticsPath, FeatureStatistics.Of(measuredEmbedding.Features));
                result = MetricSuite.Compute(measuredEmbedding, referenceEmbedding, request.Metrics, request.Seed)
                    with { Measured = measured, Reference = referenceDescription, FeatureNetwork = network.Name };
                // Real images of a run that draws the data's classes: how often the classifier names their own class, the
                // class accuracy a generator can hope for.
                if (request.Real && DrawsDataClasses(generator, config))
                    result = ClassEvaluation.AddReal(result, network, measuredEmbedding, realLabels, referenceImages.ClassNames, generator.Classes);
            }
            if (!request.Real && DrawsDataClasses(generator, config))
            {
                // As many images in all as asked for; a class whose share is too few for FID with these features gets none.
                result = ClassEvaluation.Add(result, generator, network, referenceImages, Math.Max(2, request.Samples / generator.Classes), request.Seed,
                    (done, classTotal) => progress?.Invoke(done, classTotal, "per class"));
            }
        }
        if (!request.Real)
            AtomicFile.WriteAllText(new RunLayout(request.RunDirectory).EvaluationPath, result.ToJson());
        return result;
    }

    // InfoGAN's codes and a self-conditioned run's clusters are not the data's classes: nothing to compare class by class.
    private static bool DrawsDataClasses(TrainedGenerator generator, TrainingConfig config) =>
        generator.Classes > 0 && config.Condition is not (Models.Conditioning.LatentCode or Models.Conditioning.Clusters);

    private static (string Description, Embedding Embedding) EmbedRealSubset(DataSource data, TrainingConfig config, EvaluationRequest request, IFeatureNetwork network,
        out long[] labels, Action<long> progress)
    {
        var (train, description) = EvaluationReference.Load(data, config.Seed, config.ImageChannels, config.ImageSize, DatasetSplit.Train, subsetCount: request.Samples, subsetSeed: request.Seed);
        using (train)
        {
            labels = train.Labels;
            return (description, Embedding.Of(network, Embedding.Batches(train.Images), progress));
        }
    }
}
