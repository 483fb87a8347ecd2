using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>A set of images as a feature network sees them: features (N x D) and, from a classifier, class probabilities (N x K).</summary>
public sealed class Embedding(Tensor features, Tensor? probabilities) : IDisposable
{
    /// <summary>N x D, float32, CPU.</summary>
    public Tensor Features { get; } = features;

    /// <summary>N x K, or null when the network is not a classifier.</summary>
    public Tensor? Probabilities { get; } = probabilities;

    /// <summary>N.</summary>
    public long Count => Features.shape[0];

    /// <summary>
    /// Embeds <paramref name="batches"/> (images in [-1, 1], each disposed once embedded) with <paramref name="network"/>;
    /// <paramref name="progress"/> is told the images done so far.
    /// </summary>
    public static Embedding Of(IFeatureNetwork network, IEnumerable<Tensor> batches, Action<long>? progress = null)
    {
        var features = new List<Tensor>();
        var probabilities = new List<Tensor>();
        long done = 0;
        try
        {
            foreach (var batch in batches)
            {
                using (batch)
                {
                    var (f, p) = network.Embed(batch);
                    features.Add(f);
                    if (p is not null)
                        probabilities.Add(p);
                    done += batch.shape[0];
                }
                progress?.Invoke(done);
            }
            if (features.Count == 0)
                throw new Runtime.InvalidInputException("images: nothing to embed (no images)");
            return new Embedding(cat(features, 0), probabilities.Count == features.Count ? cat(probabilities, 0) : null);
        }
        finally
        {
            foreach (var t in features.Concat(probabilities))
                t.Dispose();
        }
    }

    /// <summary>The images of <paramref name="images"/> (N x C x H x W in [-1, 1]) in batches of <paramref name="batchSize"/>, each a new tensor.</summary>
    public static IEnumerable<Tensor> Batches(Tensor images, int batchSize = 250)
    {
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            // Held by a local while alias() reads it: an unreferenced view could be finalized under libtorch.
            using var view = images.narrow(0, start, Math.Min(batchSize, images.shape[0] - start));
            yield return view.alias();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Probabilities?.Dispose();
    }
}
