using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>Generated images beside their nearest training images: a memorised image sits at distance near zero.</summary>
/// <param name="Generated">The generated images (N x C x H x W in [-1, 1]).</param>
/// <param name="NearestInPixels">For each, the training image nearest in Euclidean distance over pixels.</param>
/// <param name="PixelDistances">Those distances (per-pixel root mean square, in [-1, 1] units).</param>
/// <param name="NearestInFeatures">For each, the training image nearest in the feature network's space, or null without one.</param>
/// <param name="FeatureNetwork">That network's name, or null.</param>
/// <param name="TrainingImages">How many training images were searched.</param>
public sealed record NearestImages(Tensor Generated, Tensor NearestInPixels, double[] PixelDistances, Tensor? NearestInFeatures, string? FeatureNetwork, long TrainingImages) : IDisposable
{
    /// <summary>Each generated image followed by its nearest images, row by row (for a grid of 2 or 3 columns).</summary>
    public Tensor Rows() => NearestInFeatures is null
        ? stack([Generated, NearestInPixels], 1).flatten(0, 1)
        : stack([Generated, NearestInPixels, NearestInFeatures], 1).flatten(0, 1);

    /// <inheritdoc />
    public void Dispose()
    {
        Generated.Dispose();
        NearestInPixels.Dispose();
        NearestInFeatures?.Dispose();
    }
}

/// <summary>Finds each generated image's nearest training images (the question a GAN's samples raise: new, or remembered?).</summary>
public static class NearestTrainingImages
{
    /// <summary>
    /// <paramref name="count"/> images of the run in <paramref name="runDirectory"/> (latents from <paramref name="seed"/>)
    /// and their nearest among its training images as training saw them (the first <c>max_images</c>, resized), from
    /// <paramref name="data"/> when given, else the run's data; in pixels, and in the space of <paramref name="features"/>
    /// (default: the built-in network that suits the data, if any).
    /// </summary>
    public static NearestImages Find(string runDirectory, int count, long seed, string? data = null, string? features = null)
    {
        if (count <= 0)
            throw new InvalidInputException("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        using var generator = TrainedGenerator.Load(runDirectory);
        var config = generator.Config;
        var source = DataSource.Resolve(data ?? config.Data);
        using var loaded = source.Load(DatasetSplit.Train, config.Seed, config.ImageChannels, config.ImageSize, config.SkipUnreadableImages);
        using var training = GanTrainer.AsTrainingSees(config, loaded);
        using var scope = NewDisposeScope();
        var generated = generator.Sample(count, seed);
        var pixelDistances = cdist(generated.flatten(1), training.Images.flatten(1));
        var (nearest, byPixels) = pixelDistances.min(1);
        var rms = (nearest / Math.Sqrt(training.Images[0].numel())).data<float>().Select(d => (double)d).ToArray();
        Tensor? byFeatures = null;
        string? networkName = null;
        if (features is not null || source.FeatureNetwork is not null)
        {
            using var network = FeatureNetworkCatalog.For(source, features, CPU);
            using var generatedEmbedding = Embedding.Of(network, Embedding.Batches(generated));
            using var trainingEmbedding = Embedding.Of(network, Embedding.Batches(training.Images));
            byFeatures = training.Images.index_select(0, cdist(generatedEmbedding.Features, trainingEmbedding.Features).argmin(1)).MoveToOuterDisposeScope();
            networkName = network.Name;
        }
        return new NearestImages(generated.MoveToOuterDisposeScope(), training.Images.index_select(0, byPixels).MoveToOuterDisposeScope(), rms,
            byFeatures, networkName, training.Count);
    }
}
