using Adversa.Data;
using Adversa.Evaluation;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// A class-conditional generator measured class by class: intra-FID (each class's images against the reference
/// images of that class; Miyato and Koyama 2018, section 5) and the fraction of its images that the data's classifier
/// assigns to the class asked for.
/// </summary>
internal static class ClassEvaluation
{
    /// <summary>
    /// <paramref name="result"/> with <see cref="MetricResults.PerClass"/>, <see cref="MetricResults.IntraFid"/> and
    /// <see cref="MetricResults.ClassAccuracy"/>: <paramref name="samplesPerClass"/> images of each class, drawn with
    /// seed <paramref name="seed"/> plus the class.
    /// </summary>
    public static MetricResults Add(MetricResults result, TrainedGenerator generator, IFeatureNetwork network, LabeledImages reference,
        long samplesPerClass, long seed, Action<long, long>? progress = null)
    {
        var classNames = reference.ClassNames;
        var judged = Judges(network, classNames, generator.Classes);
        var perClass = new List<ClassMetrics>();
        for (var c = 0; c < generator.Classes; c++)
        {
            var index = c;
            using var ofClass = reference.Labels.Length > 0 ? reference.Subset(i => reference.Labels[i] == index) : null;
            using var generated = Embedding.Of(network, generator.SampleBatches(samplesPerClass, seed + c, classIndex: c),
                done => progress?.Invoke(c * samplesPerClass + done, generator.Classes * samplesPerClass));
            double? fid = null;
            if (ofClass is not null && Math.Min(ofClass.Count, samplesPerClass) >= MetricSuite.FewestFidSamples(generated.Features.shape[1]))
            {
                using var referenceEmbedding = Embedding.Of(network, Embedding.Batches(ofClass.Images));
                fid = GenerativeMetrics.FrechetDistance(FeatureStatistics.Of(generated.Features), FeatureStatistics.Of(referenceEmbedding.Features));
            }
            double? accuracy = null;
            if (judged && generated.Probabilities is { } probabilities)
            {
                using var right = probabilities.argmax(1).eq(c).to(ScalarType.Float64).mean();
                accuracy = right.item<double>();
            }
            perClass.Add(new ClassMetrics(c, c < classNames.Length ? classNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                fid, accuracy, samplesPerClass, ofClass?.Count ?? 0));
        }
        var fids = perClass.Where(m => m.Fid is not null).Select(m => m.Fid!.Value).ToList();
        return result with
        {
            PerClass = perClass,
            IntraFid = fids.Count > 0 ? fids.Average() : null,
            ClassAccuracy = judged ? perClass.Average(m => m.Accuracy!.Value) : null,
        };
    }

    /// <summary>
    /// <paramref name="result"/> of real images with the share of them, class by class and averaged over the classes,
    /// that the data's classifier assigns to their own label (<paramref name="labels"/>, in the order of
    /// <paramref name="embedding"/>'s rows): what a generator that drew the data itself would reach as class accuracy.
    /// Unchanged when the network is not the classifier of the run's first <paramref name="classes"/> classes.
    /// </summary>
    public static MetricResults AddReal(MetricResults result, IFeatureNetwork network, Embedding embedding, long[] labels, string[] classNames, int classes)
    {
        if (!Judges(network, classNames, classes) || embedding.Probabilities is not { } probabilities || labels.Length != probabilities.shape[0])
            return result;
        using var argmax = probabilities.argmax(1);
        var predicted = argmax.data<long>().ToArray();
        var perClass = Enumerable.Range(0, classes).Select(c =>
        {
            var ofClass = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToList();
            double? accuracy = ofClass.Count > 0 ? ofClass.Count(i => predicted[i] == c) / (double)ofClass.Count : null;
            return new ClassMetrics(c, classNames[c], null, accuracy, ofClass.Count, 0);
        }).ToList();
        var measured = perClass.Where(m => m.Accuracy is not null).ToList();
        return result with { PerClass = perClass, ClassAccuracy = measured.Count > 0 ? measured.Average(m => m.Accuracy!.Value) : null };
    }

    // The classifier's verdict counts only when its classes are the run's, in the same order.
    private static bool Judges(IFeatureNetwork network, string[] classNames, int classes) =>
        (network as ClassifierFeatureNetwork)?.Description.ClassNames is { } classifierNames
        && classifierNames.Length >= classes && classNames.Length >= classes
        && classifierNames.Take(classes).SequenceEqual(classNames.Take(classes));
}
