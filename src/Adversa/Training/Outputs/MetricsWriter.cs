using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training.Outputs;

/// <summary>
/// eval_every: measures the generator every N epochs and after the last against the data's test split (embedded
/// once, when this writer is made, so that a bad setting fails before training) and keeps one row per measurement in
/// metrics.csv. Rows from epochs after the last checkpoint (a run killed between the two writes) are dropped when the
/// resumed run measures again. Its latents come from their own seeded generator: measuring leaves the training
/// sequence unchanged.
/// </summary>
public sealed class MetricsWriter : ITrainingObserver, IDisposable
{
    /// <summary>The header of metrics.csv.</summary>
    public const string CsvHeader = "epoch,iteration,fid,kid_mean,kid_std,is_mean,is_std,precision,recall,samples,reference_samples,feature_network,reference";

    private readonly IFeatureNetwork _network;
    private readonly Embedding _reference;
    private readonly string _referenceDescription;
    private readonly string _csvPath;
    private readonly TrainingConfig _config;

    private MetricsWriter(TrainingConfig config, IFeatureNetwork network, Embedding reference, string referenceDescription, string csvPath)
    {
        _config = config;
        _network = network;
        _reference = reference;
        _referenceDescription = referenceDescription;
        _csvPath = csvPath;
    }

    /// <summary>The last measurement, or null before the first.</summary>
    public MetricResults? LastMetrics { get; private set; }

    /// <summary>
    /// The measurements <paramref name="config"/> asks for (eval_every, eval_samples, eval_features, eval_metrics) of a
    /// run on <paramref name="data"/>, written to <paramref name="csvPath"/>; eval_every must be positive.
    /// </summary>
    public static MetricsWriter Create(TrainingConfig config, DataSource data, string csvPath, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(config.EvalEvery);
        // The feature network's layers draw initial weights before its own are loaded: the run's random sequence must not move.
        return Reproducibility.PreservingRandomState(() => Embed(config, data, csvPath, device));
    }

    private static MetricsWriter Embed(TrainingConfig config, DataSource data, string csvPath, Device device)
    {
        var network = FeatureNetworkCatalog.For(data, config.EvalFeatures.Length > 0 ? config.EvalFeatures : null, device, "eval_features");
        try
        {
            var (images, description) = EvaluationReference.Load(data, config.Seed, config.ImageChannels, config.ImageSize);
            Embedding reference;
            using (images)
                reference = Embedding.Of(network, Embedding.Batches(images.Images));
            try
            {
                MetricSuite.CheckSampleCounts(config.EvalMetrics, config.EvalSamples, reference.Count, reference.Features.shape[1], "eval_samples");
            }
            catch
            {
                reference.Dispose();
                throw;
            }
            return new MetricsWriter(config, network, reference, description, csvPath);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="epoch"/> is measured: every eval_every-th, and the last.</summary>
    public bool IsDue(int epoch) => epoch % _config.EvalEvery == 0 || epoch == _config.Epochs;

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        if (!IsDue(epoch.Epoch))
            return;
        var results = trainer.WithInferenceGenerator(generator =>
        {
            using var embedding = Embedding.Of(_network, GeneratedImages.Batches(generator, trainer.Components.Latent, trainer.Components.Device, _config.EvalSamples, _config.Seed, batchSize: 250));
            return MetricSuite.Compute(embedding, _reference, _config.EvalMetrics, _config.Seed);
        });
        static string Value(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        EpochRows.Write(_csvPath, CsvHeader, epoch.Epoch, string.Join(',',
            epoch.Epoch.ToString(CultureInfo.InvariantCulture), epoch.Iteration.ToString(CultureInfo.InvariantCulture),
            Value(results.Fid), Value(results.KidMean), Value(results.KidStd), Value(results.IsMean), Value(results.IsStd),
            Value(results.Precision), Value(results.Recall),
            results.Samples.ToString(CultureInfo.InvariantCulture), results.ReferenceSamples.ToString(CultureInfo.InvariantCulture),
            Csv.Field(_network.Name), Csv.Field(_referenceDescription)));
        epoch.Metrics = LastMetrics = results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reference.Dispose();
        _network.Dispose();
    }
}
