using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>The real images a generator is measured against.</summary>
public static class EvaluationReference
{
    /// <summary>
    /// The test split of <paramref name="data"/> (or, for a source without one, all its images when
    /// <paramref name="allowWhole"/>) as a model of <paramref name="channels"/> (null: as stored; folders decode to RGB)
    /// x <paramref name="size"/>² sees it:
    /// resized as the training images were, then scaled to [-1, 1], so that real and generated images reach the
    /// feature network through the same resampling. A positive <paramref name="subsetCount"/> keeps a random
    /// subset of that many (drawn with <paramref name="subsetSeed"/>) before resizing. Returns the images and a description.
    /// </summary>
    public static (LabeledImages Images, string Description) Load(DataSource data, long seed, int? channels, int size, DatasetSplit split = DatasetSplit.Test, bool allowWhole = false, long subsetCount = 0, long subsetSeed = 0)
    {
        var whole = allowWhole && split == DatasetSplit.Test && !data.HasTestSplit;
        var description = whole ? data.Name : $"{data.Name} {split.ToString().ToLowerInvariant()} split";
        using var loaded = data.Load(whole ? DatasetSplit.Train : split, seed, channels ?? 3, size);
        if (channels is not null && loaded.Channels != channels)
            throw new Runtime.InvalidInputException("data", data.Name, $"images have {loaded.Channels} channel(s), the generator makes {channels}");
        if (subsetCount <= 0)
            return (ImageTransforms.ForModel(loaded, size), $"{description} ({loaded.Count} images)");
        using var subset = loaded.RandomSubset(subsetCount, subsetSeed);
        return (ImageTransforms.ForModel(subset, size), $"{description}, {subset.Count} random images");
    }
}
