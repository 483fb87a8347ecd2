using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Tests.Evaluation;

public sealed class MetricSuiteTests
{
    [Fact]
    public void Metric_lists_parse_in_any_order_and_unknown_names_are_named()
    {
        Assert.Equal(MetricKinds.Fid | MetricKinds.PrecisionRecall, MetricSuite.Parse("pr, fid"));
        Assert.Equal(MetricKinds.All, MetricSuite.Parse("all"));
        Assert.Equal("eval_metrics fid,x: unknown value 'x' (expected any of: none, fid, kid, is, pr, all)", Assert.Throws<InvalidInputException>(() => MetricSuite.Parse("fid,x", "eval_metrics")).Message);
        Assert.Throws<InvalidInputException>(() => MetricSuite.Parse(" , "));
    }

    [Fact]
    public void A_set_measured_against_itself_has_zero_fid_and_kid_and_full_precision_and_recall()
    {
        using var features = randn(300, 4, generator: new Generator(7));
        using var probabilities = nn.functional.softmax(randn(300, 3, generator: new Generator(8)), 1);
        using var a = new Embedding(features.clone(), probabilities.clone());
        using var b = new Embedding(features.clone(), probabilities.clone());
        var results = MetricSuite.Compute(a, b, MetricKinds.All, seed: 1);
        Assert.Equal(0, results.Fid!.Value, 9);
        Assert.Equal(1.0, results.Precision);
        Assert.Equal(1.0, results.Recall);
        Assert.InRange(results.IsMean!.Value, 1, 3);
        Assert.Equal("100 x 300", results.KidSubsets);
        Assert.Equal(300, results.Samples);
        Assert.Equal(4, results.FeatureWidth);
    }

    [Fact]
    public void Fid_with_no_more_samples_than_dimensions_and_is_without_a_classifier_are_refused()
    {
        using var few = new Embedding(randn(4, 4), null);
        using var many = new Embedding(randn(50, 4), null);
        Assert.Contains("more than 4 images per side", Assert.Throws<InvalidInputException>(() => MetricSuite.Compute(few, many, MetricKinds.Fid, 0)).Message);
        Assert.Contains("not a classifier", Assert.Throws<InvalidInputException>(() => MetricSuite.Compute(many, many, MetricKinds.InceptionScore, 0)).Message);
        var kidOnly = MetricSuite.Compute(many, many, MetricKinds.Kid, 0);
        Assert.Null(kidOnly.Fid);
        Assert.NotNull(kidOnly.KidMean);
    }

    [Fact]
    public void A_random_subset_keeps_the_drawn_order_so_class_sorted_sources_are_mixed()
    {
        // Ten images stored class by class, as the npm digits are; image i holds the value i.
        using var images = new LabeledImages(arange(10f).view(10, 1, 1, 1), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], ["a", "b"], "sorted", PixelRange.Bytes);
        using var subset = images.RandomSubset(6, seed: 3);
        using var expected = randperm(10, generator: new Generator(3))[..6];
        Assert.Equal(expected.data<long>().ToArray(), subset.Images.view(-1).data<float>().ToArray().Select(v => (long)v));
        Assert.Equal(expected.data<long>().ToArray().Select(i => i < 5 ? 0L : 1L), subset.Labels);
        using var all = images.RandomSubset(20, seed: 3);
        Assert.Equal(10, all.Count);
    }
}
