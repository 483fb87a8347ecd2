using System.Text.Json.Serialization;
using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>Which metrics to compute.</summary>
[Flags]
public enum MetricKinds
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>Fréchet distance of the feature Gaussians.</summary>
    Fid = 1,
    /// <summary>Kernel distance (unbiased MMD², cubic polynomial kernel).</summary>
    Kid = 2,
    /// <summary>Inception Score of the generated images (needs a classifier).</summary>
    [JsonStringEnumMemberName("is")]
    InceptionScore = 4,
    /// <summary>Improved precision and recall.</summary>
    [JsonStringEnumMemberName("pr")]
    PrecisionRecall = 8,
    /// <summary>All four.</summary>
    All = Fid | Kid | InceptionScore | PrecisionRecall,
}

/// <summary>Metric results and everything needed to read them: counts, feature network, reference, settings.</summary>
public sealed record MetricResults
{
    /// <summary>FID (lower is better).</summary>
    public double? Fid { get; init; }
    /// <summary>KID mean over subsets.</summary>
    public double? KidMean { get; init; }
    /// <summary>KID standard deviation over subsets.</summary>
    public double? KidStd { get; init; }
    /// <summary>Inception Score mean over splits.</summary>
    public double? IsMean { get; init; }
    /// <summary>Inception Score standard deviation over splits.</summary>
    public double? IsStd { get; init; }
    /// <summary>Fraction of generated samples on the reference manifold.</summary>
    public double? Precision { get; init; }
    /// <summary>Fraction of reference samples on the generated manifold.</summary>
    public double? Recall { get; init; }
    /// <summary>Images measured (generated, or the real subset for the floor).</summary>
    public long Samples { get; init; }
    /// <summary>Reference images.</summary>
    public long ReferenceSamples { get; init; }
    /// <summary>What was measured, e.g. "generator of runs/x" or "fashion-mnist train split".</summary>
    public string Measured { get; init; } = "";
    /// <summary>The reference, e.g. "fashion-mnist test split".</summary>
    public string Reference { get; init; } = "";
    /// <summary>The feature network.</summary>
    public string FeatureNetwork { get; init; } = "";
    /// <summary>Feature dimension D.</summary>
    public int FeatureWidth { get; init; }
    /// <summary>KID subsets and their size.</summary>
    public string KidSubsets { get; init; } = "";
    /// <summary>Inception Score splits.</summary>
    public int IsSplits { get; init; }
    /// <summary>k of the precision/recall manifolds.</summary>
    public int PrecisionRecallK { get; init; }
    /// <summary>Seed of the generated samples and of the KID subsets.</summary>
    public long Seed { get; init; }

    /// <summary>A class-conditional generator: each class's images against that class's reference images (real training images of such a run: each class's class accuracy only); null otherwise.</summary>
    public IReadOnlyList<ClassMetrics>? PerClass { get; init; }

    /// <summary>Mean of the classes' FIDs (intra-FID), over the classes that have one.</summary>
    public double? IntraFid { get; init; }

    /// <summary>Fraction of a conditional generator's images that the classifier assigns to the class asked for, averaged over the classes (real training images: to their own label, the most a generator drawing the data can reach).</summary>
    public double? ClassAccuracy { get; init; }

    /// <summary>Indented snake_case JSON, as evaluation.json holds it.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, ConfigJson.Options);
}

/// <summary>Computes the chosen metrics of one embedding against a reference embedding.</summary>
public static class MetricSuite
{
    /// <summary>Inception Score splits (Salimans et al.).</summary>
    public const int InceptionScoreSplits = 10;
    /// <summary>KID subsets (Bińkowski et al.; torch-fidelity's default).</summary>
    public const int KidSubsetCount = 100;
    /// <summary>KID subset size, capped by the smaller set.</summary>
    public const int KidSubsetSize = 1000;
    /// <summary>k of the k-NN manifolds (Kynkäänniemi et al.).</summary>
    public const int ManifoldK = 3;

    /// <summary>Parses "fid,kid,is,pr" (any subset, any order, or "all"); errors name the setting <paramref name="key"/>.</summary>
    public static MetricKinds Parse(string text, string key = "metrics") => ConfigEnum.ParseFlags<MetricKinds>(text, key);

    /// <summary>The fewest images per side FID takes with <paramref name="width"/>-d features: one more than the width.</summary>
    public static long FewestFidSamples(long width) => width + 1;

    /// <summary>
    /// FID needs more samples per side than feature dimensions: its covariances are otherwise singular and the
    /// value dominated by bias. <paramref name="option"/> names the setting at fault.
    /// </summary>
    public static void CheckSampleCounts(MetricKinds kinds, long measured, long reference, long width, string option)
    {
        if (kinds.HasFlag(MetricKinds.Fid) && Math.Min(measured, reference) < FewestFidSamples(width))
            throw new InvalidInputException(option, null, $"FID with {width}-d features needs more than {width} images per side, got {measured} measured and {reference} reference (use thousands)");
    }

    /// <summary>
    /// The metrics in <paramref name="kinds"/> of <paramref name="measured"/> against <paramref name="reference"/>.
    /// Too few samples for FID are refused (<see cref="CheckSampleCounts"/>); the Inception Score needs class probabilities.
    /// </summary>
    public static MetricResults Compute(Embedding measured, Embedding reference, MetricKinds kinds, long seed)
    {
        var width = (int)measured.Features.shape[1];
        var fewest = Math.Min(measured.Count, reference.Count);
        CheckSampleCounts(kinds, measured.Count, reference.Count, width, "samples");
        if (kinds.HasFlag(MetricKinds.InceptionScore) && measured.Probabilities is null)
            throw new InvalidInputException("metrics", ConfigEnum.NameOfFlags(kinds), "the feature network is not a classifier, so there is no Inception Score (leave is out)");
        var results = new MetricResults
        {
            Samples = measured.Count,
            ReferenceSamples = reference.Count,
            FeatureWidth = width,
            Seed = seed,
        };
        if (kinds.HasFlag(MetricKinds.Fid))
            results = results with { Fid = GenerativeMetrics.FrechetDistance(FeatureStatistics.Of(reference.Features), FeatureStatistics.Of(measured.Features)) };
        if (kinds.HasFlag(MetricKinds.Kid))
        {
            var (mean, std) = GenerativeMetrics.KernelDistance(reference.Features, measured.Features, KidSubsetCount, KidSubsetSize, seed);
            results = results with { KidMean = mean, KidStd = std, KidSubsets = $"{KidSubsetCount} x {Math.Min(KidSubsetSize, fewest)}" };
        }
        if (kinds.HasFlag(MetricKinds.InceptionScore))
        {
            var (mean, std) = GenerativeMetrics.InceptionScore(measured.Probabilities!, InceptionScoreSplits);
            results = results with { IsMean = mean, IsStd = std, IsSplits = InceptionScoreSplits };
        }
        if (kinds.HasFlag(MetricKinds.PrecisionRecall))
        {
            var (precision, recall) = GenerativeMetrics.PrecisionRecall(reference.Features, measured.Features, ManifoldK);
            results = results with { Precision = precision, Recall = recall, PrecisionRecallK = ManifoldK };
        }
        return results;
    }
}
