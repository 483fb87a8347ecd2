using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Tests.Data;
using static TorchSharp.torch;

namespace Adversa.Tests.Evaluation;

public sealed class FeatureNetworkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // Two classes anyone can tell apart: a bright horizontal bar (0) or a bright vertical bar (1), at random positions.
    private static LabeledImages Bars(int count, long seed)
    {
        using var generator = new Generator((ulong)seed);
        var images = zeros(count, 1, 28, 28);
        var positions = randint(4, 24, [count], generator: generator).data<long>().ToArray();
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            if (labels[i] == 0)
                images[i, 0, positions[i], ..] = tensor(255f);
            else
                images[i, 0, .., positions[i]] = tensor(255f);
        }
        return new LabeledImages(images, labels, ["horizontal", "vertical"], "bars", PixelRange.Bytes);
    }

    private static ImageClassifier TrainOnBars(long seed, Action<ClassifierEpoch>? onEpoch = null)
    {
        using var train = Bars(96, 1);
        using var test = Bars(40, 2);
        return ClassifierTraining.Train(train, test, new ClassifierTrainingOptions(Epochs: 2, BatchSize: 16, Seed: seed), onEpoch);
    }

    [Fact]
    public void Training_is_deterministic_from_the_seed_and_learns_separable_classes()
    {
        var epochs = new List<ClassifierEpoch>();
        using var first = TrainOnBars(3, epochs.Add);
        using var second = TrainOnBars(3);
        using var other = TrainOnBars(4);
        var a = first.parameters().Select(p => p.clone()).ToList();
        var b = second.parameters().ToList();
        Assert.All(a.Zip(b), pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>()));
        Assert.False(a.Zip(other.parameters()).All(pair => pair.First.equal(pair.Second).all().item<bool>()));
        Assert.Equal([1, 2], epochs.Select(e => e.Epoch));
        using var test = Bars(40, 2);
        Assert.Equal(1.0, ClassifierTraining.Accuracy(first, test));
        Assert.Equal(1.0, epochs[^1].TestAccuracy);
    }

    [Fact]
    public void A_classifier_file_round_trips_weights_and_description_and_a_bad_file_is_named()
    {
        using var classifier = TrainOnBars(3);
        var description = new ClassifierDescription("bars", 1, 28, ["horizontal", "vertical"], 96, 40, 1.0, 2, 3, "retrain");
        var path = _temp.File("bars.classifier");
        ClassifierFile.Save(path, classifier, description);
        var (read, readDescription) = ClassifierFile.Load(path);
        using (read)
        {
            Assert.Equal(description with { ClassNames = readDescription.ClassNames }, readDescription);
            Assert.Equal(description.ClassNames, readDescription.ClassNames);
            using var input = Bars(4, 9);
            using var scaled = ImageTransforms.ToSymmetricRange(input);
            classifier.eval();
            Assert.True(classifier.forward(scaled.Images).allclose(read.forward(scaled.Images)));
        }
        File.WriteAllBytes(_temp.File("bad.classifier"), [1, 2, 3]);
        Assert.Contains("bad.classifier", Assert.Throws<InvalidInputException>(() => ClassifierFile.Load(_temp.File("bad.classifier"))).Message);
    }

    [Fact]
    public void A_classifier_embeds_any_image_size_and_channel_count_into_128_features_and_probabilities()
    {
        using var classifier = new ImageClassifier(1, 28, 10);
        using var network = new ClassifierFeatureNetwork(classifier, new ClassifierDescription("x", 1, 28, [.. Enumerable.Range(0, 10).Select(i => $"{i}")], 0, 0, 0, 0, 0, ""), CPU);
        using var colour = rand(5, 3, 64, 64) * 2 - 1;
        var (features, probabilities) = network.Embed(colour);
        using (features)
        using (probabilities)
        {
            Assert.Equal(new long[] { 5, ImageClassifier.FeatureWidth }, features.shape);
            Assert.Equal(new long[] { 5, 10 }, probabilities!.shape);
            Assert.True(probabilities.sum(1).allclose(ones(5)));
            Assert.True((features >= 0).all().item<bool>()); // after ReLU
        }
    }

    [Fact]
    public void A_torchscript_network_gets_rgb_images_in_0_to_255_at_its_input_size()
    {
        // channel-moments.pt (make_channel_moments.py) returns per channel mean(x)/255 and mean(x^2)/255^2 as N x 6 x 1 x 1.
        using var network = FeatureNetworkCatalog.Resolve(Path.Combine(AppContext.BaseDirectory, "Fixtures", "channel-moments.pt"), CPU);
        Assert.False(network.HasClassProbabilities);
        // Grey images of constant value v in [-1, 1]: every channel is (v + 1) / 2 after scaling to [0, 255].
        using var grey = tensor(new float[] { -1, 0, 0.5f }).view(3, 1, 1, 1).expand(3, 1, 28, 28).contiguous();
        var (features, probabilities) = network.Embed(grey);
        using (features)
        {
            Assert.Null(probabilities);
            Assert.Equal(new long[] { 3, 6 }, features.shape);
            var expected = tensor(new float[,] { { 0, 0, 0, 0, 0, 0 }, { 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f }, { 0.75f, 0.75f, 0.75f, 0.5625f, 0.5625f, 0.5625f } });
            Assert.True(features.allclose(expected, atol: 1e-5), features.ToString(TorchSharp.TensorStringStyle.Julia));
        }
    }

    [Fact]
    public void Feature_network_names_that_are_neither_built_in_nor_files_are_refused()
    {
        var unknown = Assert.Throws<InvalidInputException>(() => FeatureNetworkCatalog.Resolve("nowhere", CPU));
        Assert.Equal(("features", "nowhere"), (unknown.Setting, unknown.Value));
        var junk = Assert.Throws<InvalidInputException>(() =>
        {
            File.WriteAllText(_temp.File("junk.pt"), "junk");
            FeatureNetworkCatalog.Resolve(_temp.File("junk.pt"), CPU);
        });
        Assert.Contains("not a TorchScript module", junk.Message);
        // libtorch's native backtrace stays out of the one line.
        Assert.DoesNotContain("\n", junk.Message);
        Assert.DoesNotContain("Exception raised from", junk.Message);

        using var shapes = FeatureNetworkCatalog.For(Adversa.Data.DataSource.Resolve("shapes"), null, CPU);
        Assert.StartsWith("classifier shapes", shapes.Name);
        var pictures = Path.Combine(_temp.Path, "pictures");
        DataFiles.SolidPng(Path.Combine(pictures, "a.png"), 4, 4, new SkiaSharp.SKColor(1, 2, 3));
        var none = Assert.Throws<InvalidInputException>(() => FeatureNetworkCatalog.For(Adversa.Data.DataSource.Resolve(pictures), null, CPU));
        Assert.Contains("no built-in feature network suits the images of", none.Message);
    }

    [Theory]
    [InlineData("mnist", "mnist", 0.99)]
    [InlineData("fashion-mnist", "fashion-mnist", 0.91)]
    [InlineData("shapes", "shapes-test", 0.99)]
    public void The_built_in_classifiers_record_their_accuracy_and_retraining_command(string name, string data, double target)
    {
        var (classifier, description) = FeatureNetworkCatalog.LoadClassifier(name);
        using (classifier)
        {
            Assert.Equal(10, description.ClassNames.Length);
            Assert.True(description.TestAccuracy >= target - 0.005, $"{name}: recorded test accuracy {description.TestAccuracy:P2}");
            Assert.StartsWith($"adversa classifier train --data {data} ", description.Retrain);
        }
    }

    [RealDataFact("fashion-mnist")]
    public void The_built_in_fashion_mnist_classifier_reaches_its_recorded_accuracy_on_the_test_split() =>
        MeasuredAccuracyMatchesRecord("fashion-mnist");

    [RealDataFact("mnist")]
    public void The_built_in_mnist_classifier_reaches_its_recorded_accuracy_on_the_test_split() =>
        MeasuredAccuracyMatchesRecord("mnist");

    [Fact]
    public void The_built_in_shapes_classifier_reaches_its_recorded_accuracy_on_a_fresh_draw_of_the_ten_test_classes() =>
        MeasuredAccuracyMatchesRecord("shapes", "shapes-test");

    private static void MeasuredAccuracyMatchesRecord(string name, string? data = null)
    {
        var (classifier, description) = FeatureNetworkCatalog.LoadClassifier(name);
        using (classifier)
        {
            var (accuracy, images) = ClassifierTraining.AccuracyOnTestSplit(classifier, description, Adversa.Data.DataSource.Resolve(data ?? name));
            Assert.Equal(description.TestImages, images);
            Assert.Equal(description.TestAccuracy, accuracy, 4);
        }
    }

    public void Dispose() => _temp.Dispose();
}
