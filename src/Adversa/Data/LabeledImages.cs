using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>A set of images (N x C x H x W, float32 on the CPU) with an optional class label per image.</summary>
public sealed class LabeledImages(Tensor images, long[] labels, string[] classNames, string source, PixelRange range) : IDisposable
{
    /// <summary>The images, N x C x H x W.</summary>
    public Tensor Images { get; } = images;

    /// <summary>One class index per image, or empty when the source has no labels.</summary>
    public long[] Labels { get; } = labels;

    /// <summary>Names of the classes the labels index.</summary>
    public string[] ClassNames { get; } = classNames;

    /// <summary>Where the images came from (a data-set name or a path).</summary>
    public string Source { get; } = source;

    /// <summary>The range of the pixel values.</summary>
    public PixelRange Range { get; } = range;

    /// <summary>Files left out because they could not be read (each a one-line reason naming the file).</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Number of images.</summary>
    public long Count => Images.shape[0];

    /// <summary>Channels per image.</summary>
    public long Channels => Images.shape[1];

    /// <summary>Image height in pixels.</summary>
    public long Height => Images.shape[2];

    /// <summary>Image width in pixels.</summary>
    public long Width => Images.shape[3];

    /// <summary>A copy holding the images whose index satisfies <paramref name="keep"/>, in order.</summary>
    public LabeledImages Subset(Func<long, bool> keep) =>
        Select([.. Enumerable.Range(0, checked((int)Count)).Select(i => (long)i).Where(keep)]);

    /// <summary>
    /// A random subset of <paramref name="count"/> images (all when there are fewer), drawn with <paramref name="seed"/>,
    /// in the drawn order: sources stored class by class (the npm digits, the shapes) must not stay sorted, or the
    /// Inception Score's consecutive splits would each see one class.
    /// </summary>
    public LabeledImages RandomSubset(long count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var order = randperm(Count, generator: generator);
        return Select(order.data<long>().Take((int)Math.Min(count, Count)).ToArray());
    }

    /// <summary>A copy holding the images at <paramref name="indices"/>, in that order.</summary>
    public LabeledImages Select(long[] indices)
    {
        using var index = tensor(indices);
        var labels = Labels.Length == 0 ? [] : indices.Select(i => Labels[i]).ToArray();
        return new LabeledImages(Images.index_select(0, index), labels, ClassNames, Source, Range);
    }

    /// <inheritdoc />
    public void Dispose() => Images.Dispose();
}
