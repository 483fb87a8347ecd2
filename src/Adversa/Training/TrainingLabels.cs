using Adversa.Data;
using Adversa.Models;
using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>The class labels of a conditional run: how many classes, the labels of its images, and the critic told them.</summary>
internal static class TrainingLabels
{
    /// <summary>Makes <paramref name="critic"/>, when it has a projection, judge the next images as of <paramref name="labels"/> until disposed.</summary>
    public static IDisposable? Condition(nn.Module critic, Tensor? labels) => labels is not null && ClassConditionalCritics.Of(critic) is { } conditional ? conditional.Condition(labels) : null;

    // InfoGAN's one categorical code on MNIST (Chen et al. 2016, section 7.1); as many clusters for a self-conditioned run.
    private const int DefaultCodes = 10;

    /// <summary><paramref name="config"/> with a conditional run's number of classes (InfoGAN's codes and clusters: 10 unless set) taken from the labelled <paramref name="images"/> when it names none.</summary>
    public static TrainingConfig WithClassesOf(TrainingConfig config, LabeledImages images)
    {
        if (config.Condition == Conditioning.None)
            return config;
        if (config.Condition is Conditioning.LatentCode or Conditioning.Clusters)
            return config.Classes > 0 ? config : config with { Classes = DefaultCodes };
        if (images.Labels.Length == 0)
            throw new InvalidInputException("condition", ConfigEnum.NameOf(config.Condition), $"needs labelled images, and {images.Source} has none (a folder names its classes by sub-folders)");
        return config.Classes > 0 ? config : config with { Classes = Math.Max(images.ClassNames.Length, checked((int)images.Labels.Max() + 1)) };
    }

    /// <summary>
    /// The labels of a conditional run's images (the first max_images, as the images), each checked against the
    /// generator's classes; for condition=clusters, the clusters of <paramref name="prepared"/> (the images as trained
    /// on); null for an unconditional run (and InfoGAN's, whose caller passes no classes).
    /// </summary>
    public static Tensor? For(TrainingConfig config, int classes, LabeledImages images, Tensor prepared)
    {
        if (classes == 0)
            return null;
        if (config.Condition == Conditioning.Clusters)
            return prepared.shape[0] >= classes ? tensor(ImageClusters.Balanced(prepared, classes, config.Seed))
                : throw new InvalidInputException("classes", classes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"more clusters than the {prepared.shape[0]} images of {images.Source}");
        var maxImages = config.MaxImages;
        if (images.Labels.Length == 0)
            throw new InvalidInputException("data", images.Source, "a class-conditional run needs labelled images; these have none (a folder names its classes by sub-folders)");
        var labels = maxImages > 0 ? images.Labels.Take(maxImages).ToArray() : images.Labels;
        var clustersPerClass = config.ClustersPerClass;
        if (labels.Max() >= classes / clustersPerClass)
            throw new InvalidInputException("classes", config.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{images.Source} has a label {labels.Max()}, beyond the {config.Classes} classes of the run");
        return clustersPerClass == 1 ? tensor(labels) : tensor(ClustersWithinClasses(labels, prepared, clustersPerClass, config.Seed));
    }

    /// <summary>
    /// Each image's condition when every class is split into <paramref name="clustersPerClass"/> clusters: class c's
    /// images grouped by k-means on their pixels (<see cref="ImageClusters.Balanced"/>, seeded by <paramref name="seed"/>
    /// and the class) into clusters of equal size, numbered c * clustersPerClass onwards.
    /// </summary>
    private static long[] ClustersWithinClasses(long[] labels, Tensor prepared, int clustersPerClass, long seed)
    {
        var conditions = new long[labels.Length];
        foreach (var group in Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]))
        {
            var members = group.Select(i => (long)i).ToArray();
            if (members.Length < clustersPerClass)
                throw new InvalidInputException("clusters_per_class", clustersPerClass.ToString(System.Globalization.CultureInfo.InvariantCulture), $"class {group.Key} has only {members.Length} images");
            using var scope = NewDisposeScope();
            var clusters = ImageClusters.Balanced(prepared.index_select(0, tensor(members, device: prepared.device)), clustersPerClass, seed + group.Key);
            for (var j = 0; j < members.Length; j++)
                conditions[members[j]] = group.Key * clustersPerClass + clusters[j];
        }
        return conditions;
    }
}
