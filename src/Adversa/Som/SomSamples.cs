using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Som;

/// <summary>A data set as SOM inputs: flattened images in [0, 1] (seed 000 divides by the maximum), their labels and image shape.</summary>
public sealed class SomSamples : IDisposable
{
    private SomSamples(Tensor values, long[] labels, string[] classNames, (long Channels, long Height, long Width) imageShape, string source)
    {
        Values = values;
        Labels = labels;
        ClassNames = classNames;
        ImageShape = imageShape;
        Source = source;
    }

    /// <summary>n x (C*H*W) values in [0, 1].</summary>
    public Tensor Values { get; }
    /// <summary>One label per sample (-1 where unknown).</summary>
    public long[] Labels { get; }
    /// <summary>Names of the labels (empty when unlabelled).</summary>
    public string[] ClassNames { get; }
    /// <summary>The images' shape, to draw weights as images.</summary>
    public (long Channels, long Height, long Width) ImageShape { get; }
    /// <summary>Where the samples came from.</summary>
    public string Source { get; }
    /// <summary>The name of <paramref name="label"/>, or "" for an unknown one (-1 or beyond the names).</summary>
    public static string NameOf(long label, IReadOnlyList<string> classNames) =>
        label >= 0 && label < classNames.Count ? classNames[(int)label] : "";

    /// <summary>Number of samples.</summary>
    public long Count => Values.shape[0];

    /// <summary>Loads <see cref="SomConfig.Data"/> (or <paramref name="data"/>): the first <see cref="SomConfig.MaxImages"/>, then <see cref="SomConfig.SampleCount"/> drawn with the seed.</summary>
    public static SomSamples Load(SomConfig config, DataSource? data = null)
    {
        using var loaded = (data ?? DataSource.Resolve(config.Data)).Load(DatasetSplit.Train, config.Seed, config.ImageChannels, config.ImageSize);
        using var first = ImageTransforms.TakeFirst(loaded, config.MaxImages);
        using var scope = NewDisposeScope();
        var images = first.Images;
        var labels = first.Labels;
        if (config.SampleCount > 0 && config.SampleCount < first.Count)
        {
            using var generator = new Generator((ulong)config.Seed);
            var picks = randperm(first.Count, generator: generator)[..config.SampleCount];
            images = images.index_select(0, picks);
            var chosen = picks.data<long>().ToArray();
            labels = [.. chosen.Select(i => first.Labels[i])];
        }
        var unit = first.Range == PixelRange.Bytes ? images.to_type(ScalarType.Float32) / 255f : (images.to_type(ScalarType.Float32) + 1) / 2;
        // Unlabelled images: every sample's label unknown, and no class names to draw a label map with.
        var labelled = labels.Length == images.shape[0] && first.ClassNames.Length > 0;
        return new SomSamples(unit.flatten(1).contiguous().MoveToOuterDisposeScope(), labelled ? labels : [.. Enumerable.Repeat(-1L, (int)images.shape[0])], labelled ? first.ClassNames : [],
            (first.Channels, first.Height, first.Width), first.Source);
    }

    /// <summary>Wraps values that are already flat (tests, library users).</summary>
    public static SomSamples FromValues(Tensor values, long[]? labels = null, string[]? classNames = null) =>
        new(values, labels ?? [.. Enumerable.Repeat(-1L, (int)values.shape[0])], classNames ?? [], (1, 1, values.shape[1]), "values");

    /// <inheritdoc />
    public void Dispose() => Values.Dispose();
}
