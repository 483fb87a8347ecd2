using System.Globalization;
using Adversa.Evaluation;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// eval_every: measures the generator against the data set's test split (embedded once) and keeps one row per
/// measurement in metrics.csv. Rows from epochs after the last checkpoint (a run killed between the two writes)
/// are dropped when the resumed run measures again.
/// </summary>
public sealed class TrainingEvaluation : IDisposable
{
    /// <summary>The header of metrics.csv.</summary>
    public const string CsvHeader = "epoch,iteration,fid,kid_mean,kid_std,is_mean,is_std,precision,recall,samples,reference_samples,feature_network,reference";

    private readonly IFeatureNetwork _network;
    private readonly Embedding _reference;
    private readonly string _referenceDescription;
    private readonly MetricKinds _kinds;
    private readonly string _csvPath;
    private readonly TrainingConfig _config;

    private TrainingEvaluation(TrainingConfig config, MetricKinds kinds, IFeatureNetwork network, Embedding reference, string referenceDescription, string csvPath)
    {
        _config = config;
        _kinds = kinds;
        _network = network;
        _reference = reference;
        _referenceDescription = referenceDescription;
        _csvPath = csvPath;
    }

    /// <summary>The measurement of a run configured with eval_every, or null when it measures nothing; problems surface now, before training.</summary>
    public static TrainingEvaluation? Create(TrainingConfig config, RunLayout layout, Device device)
    {
        if (config.EvalEvery == 0)
            return null;
        var kinds = MetricSuite.Parse(config.EvalMetrics, "eval_metrics");
        var network = FeatureNetworkCatalog.Resolve(config.EvalFeatures.Length > 0 ? config.EvalFeatures : FeatureNetworkCatalog.DefaultFor(config.Data), device);
        try
        {
            var (images, description) = EvaluationReference.Load(config.Data, config.Seed, config.ImageChannels, config.ImageSize);
            Embedding reference;
            using (images)
                reference = Embedding.Of(network, Embedding.Batches(images.Images));
            try
            {
                MetricSuite.CheckSampleCounts(kinds, config.EvalSamples, reference.Count, reference.Features.shape[1], "eval_samples");
            }
            catch
            {
                reference.Dispose();
                throw;
            }
            return new TrainingEvaluation(config, kinds, network, reference, description, layout.MetricsCsvPath);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="epoch"/> is measured: every eval_every-th, and the last.</summary>
    public bool IsDue(int epoch) => epoch % _config.EvalEvery == 0 || epoch == _config.Epochs;

    /// <summary>Measures <paramref name="generated"/> and writes the row of <paramref name="epoch"/>.</summary>
    public MetricResults Measure(int epoch, long iteration, IEnumerable<Tensor> generated)
    {
        using var embedding = Embedding.Of(_network, generated);
        var results = MetricSuite.Compute(embedding, _reference, _kinds, _config.Seed);
        static string Value(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        EpochRows.Write(_csvPath, CsvHeader, epoch, string.Join(',',
            epoch.ToString(CultureInfo.InvariantCulture), iteration.ToString(CultureInfo.InvariantCulture),
            Value(results.Fid), Value(results.KidMean), Value(results.KidStd), Value(results.IsMean), Value(results.IsStd),
            Value(results.Precision), Value(results.Recall),
            results.Samples.ToString(CultureInfo.InvariantCulture), results.ReferenceSamples.ToString(CultureInfo.InvariantCulture),
            Csv.Field(_network.Name), Csv.Field(_referenceDescription)));
        return results;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reference.Dispose();
        _network.Dispose();
    }
}
