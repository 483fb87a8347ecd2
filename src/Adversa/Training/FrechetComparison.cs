using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>One side of a Fréchet distance: its feature statistics and what they came from.</summary>
/// <param name="Name">As given: a .npz file, an image folder, a data set or a run directory.</param>
/// <param name="Statistics">Mean and covariance of its features.</param>
public sealed record FrechetSide(string Name, FeatureStatistics Statistics);

/// <summary>The Fréchet distance between any two of a statistics file (.npz, ours or pytorch-fid's), a folder of images or a data set (its test split), and a run (its generator's samples).</summary>
/// <param name="Distance">FID.</param>
/// <param name="First">The first side.</param>
/// <param name="Second">The second side.</param>
/// <param name="FeatureNetwork">The network that embedded the sides that are images, or null when both were statistics files.</param>
public sealed record FrechetComparison(double Distance, FrechetSide First, FrechetSide Second, string? FeatureNetwork)
{
    /// <summary>
    /// Measures <paramref name="first"/> against <paramref name="second"/>. Sides that are images are embedded by
    /// <paramref name="features"/> (default: the built-in network that suits a run's data, when a side is a run); a run
    /// gives <paramref name="samples"/> images drawn with <paramref name="seed"/>. <paramref name="progress"/> hears
    /// (done, total, side) as images are embedded.
    /// </summary>
    public static FrechetComparison Measure(string first, string second, string? features = null, int samples = 10_000, long seed = 0, string device = "cpu",
        Action<long, long, string>? progress = null)
    {
        string[] sides = [first, second];
        var statistics = sides.Select(s => s.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) ? FeatureStatisticsFile.Load(s) : null).ToArray();
        string? networkName = null;
        if (statistics.Any(s => s is null))
        {
            var spec = features
                ?? sides.Where(IsRun).Select(run => DataSource.Resolve(TrainingCheckpoint.ReadRun(run).Config.Data).FeatureNetwork).FirstOrDefault(name => name is not null)
                ?? throw new InvalidInputException("features", null, "needed when neither side is a run of a data set with a built-in feature network (mnist, fashion-mnist, shapes, a classifier file or a TorchScript .pt)");
            using var network = FeatureNetworkCatalog.Resolve(spec, ComputeDevice.Resolve(device));
            for (var i = 0; i < 2; i++)
                statistics[i] ??= Embed(sides[i], network, samples, seed, progress);
            networkName = network.Name;
        }
        return new FrechetComparison(GenerativeMetrics.FrechetDistance(statistics[0]!, statistics[1]!),
            new FrechetSide(first, statistics[0]!), new FrechetSide(second, statistics[1]!), networkName);
    }

    private static bool IsRun(string path) => File.Exists(new RunLayout(path).LastCheckpointPath);

    private static FeatureStatistics Embed(string side, IFeatureNetwork network, int samples, long seed, Action<long, long, string>? progress)
    {
        Embedding embedding;
        if (IsRun(side))
        {
            using var generator = TrainedGenerator.Load(side);
            embedding = Embedding.Of(network, generator.SampleBatches(samples, seed), done => progress?.Invoke(done, samples, side));
        }
        else
        {
            var (channels, size) = network is ClassifierFeatureNetwork classifier ? (classifier.Description.Channels, classifier.Description.ImageSize) : ((int?)null, 299);
            var (images, _) = EvaluationReference.Load(DataSource.Resolve(side), seed, channels, size, DatasetSplit.Test, allowWhole: true);
            using (images)
                embedding = Embedding.Of(network, Embedding.Batches(images.Images), done => progress?.Invoke(done, images.Count, side));
        }
        using (embedding)
        {
            var width = embedding.Features.shape[1];
            if (embedding.Count < MetricSuite.FewestFidSamples(width))
                throw new InvalidInputException($"{side}: {embedding.Count.ToString(CultureInfo.InvariantCulture)} images are too few for FID with {width}-d features (need more than {width}; use thousands)");
            return FeatureStatistics.Of(embedding.Features);
        }
    }
}
