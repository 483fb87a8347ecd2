using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class WalkEndsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private TrainedGenerator TrainedTinyRun()
    {
        var directory = Path.Combine(_temp.Path, "run");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1), directory))
            trainer.Train();
        return TrainedGenerator.Load(directory);
    }

    [Fact]
    public void Walks_by_index_start_and_end_at_those_images_of_the_sample_grid()
    {
        using var generator = TrainedTinyRun();
        using var grid = generator.Sample(6, seed: 4);
        var (from, to) = WalkEnds.ByIndex(generator, 5, 2, seed: 4);
        using var walk = generator.Walk(from, to, 3, LatentPathKind.Linear);
        Assert.Equal(3, walk.shape[0]);
        Assert.True(walk[0].allclose(grid[5], atol: 1e-5));
        Assert.True(walk[2].allclose(grid[2], atol: 1e-5));
        Assert.False(walk[1].allclose(grid[5], atol: 1e-3));
    }

    [Fact]
    public void Walks_by_class_start_and_end_at_images_the_classifier_assigns_to_those_classes()
    {
        using var generator = TrainedTinyRun();
        using var classifier = FeatureNetworkCatalog.For(Adversa.Data.DataSource.Resolve("shapes"), null, CPU);
        // The class the barely trained generator's images most often look like, by the same classifier, and the
        // classifier's two highest confidences in it among the 1,000 candidates ByClass draws with the same seed.
        using var candidates = generator.Sample(1000, seed: 2);
        var (_, probabilities) = classifier.Embed(candidates);
        var predicted = probabilities!.argmax(1).data<long>().ToArray();
        var counts = Enumerable.Range(0, 10).Select(c => predicted.Count(p => p == c)).ToArray();
        var common = Array.IndexOf(counts, counts.Max());
        var confidences = probabilities.data<float>().ToArray();
        var expected = Enumerable.Range(0, 1000).Where(i => predicted[i] == common).Select(i => confidences[i * 10 + common]).OrderDescending().Take(2).ToArray();
        Assert.Equal(2, expected.Length);

        var (from, to) = WalkEnds.ByClass(generator, $"{common}", $"{common}", rows: 2, seed: 2);
        using var ends = generator.Generate(cat([from, to]));
        var (_, endProbabilities) = classifier.Embed(ends);
        Assert.Equal([common, common, common, common], endProbabilities!.argmax(1).data<long>().ToArray().Select(p => (int)p));
        var endConfidences = endProbabilities[.., common].data<float>().ToArray();
        Assert.Equal(expected[0], endConfidences[0], 4);
        Assert.Equal(expected[1], endConfidences[1], 4);

        var absent = Array.IndexOf(counts, 0);
        if (absent >= 0)
            Assert.Contains("only 0 of 1000 generated images look like it", Assert.Throws<InvalidInputException>(() => WalkEnds.ByClass(generator, $"{common}", $"{absent}", rows: 1, seed: 2)).Message);
        Assert.Contains("not a class of this classifier", Assert.Throws<InvalidInputException>(() => WalkEnds.ByClass(generator, "12", "0", rows: 1, seed: 2)).Message);
    }

    public void Dispose() => _temp.Dispose();
}
