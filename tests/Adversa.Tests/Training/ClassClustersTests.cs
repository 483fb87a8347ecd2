using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

/// <summary>clusters_per_class: each class of the data split into k-means clusters that the networks take as conditions.</summary>
public sealed class ClassClustersTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // Eight images of two classes; within each class two dark and two bright ones, so that its two clusters are plain.
    private static LabeledImages DarkAndBright()
    {
        float[] levels = [-1f, -0.9f, 0.9f, 1f, -0.95f, -0.85f, 0.85f, 0.95f];
        var images = stack(levels.Select(level => full(3, 64, 64, level)).ToArray());
        return new LabeledImages(images, [0, 0, 0, 0, 1, 1, 1, 1], ["dark or bright", "another"], "memory", PixelRange.Symmetric);
    }

    [Fact]
    public void Each_class_split_into_clusters_gives_its_images_conditions_of_their_own_and_draws_by_class()
    {
        var directory = Path.Combine(_temp.Path, "split");
        using (var images = DarkAndBright())
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection, ClustersPerClass = 2 }, directory, images))
        {
            Assert.Equal(2, trainer.Config.Classes);                  // the data's classes, as config.json keeps them
            Assert.Equal(4, trainer.Components.Latent.Classes);       // the conditions the networks take
            Assert.Equal(4, Assert.IsType<ProjectionCritic>(trainer.Components.Critic).Classes);
            var conditions = trainer.Labels!.data<long>().ToArray();
            // Class 0's dark pair and bright pair are clusters 0 and 1 in some order, class 1's clusters 2 and 3.
            Assert.Equal(conditions[0], conditions[1]);
            Assert.Equal(conditions[2], conditions[3]);
            Assert.Equal([0L, 1], new[] { conditions[0], conditions[2] }.Order());
            Assert.Equal(conditions[4], conditions[5]);
            Assert.Equal(conditions[6], conditions[7]);
            Assert.Equal([2L, 3], new[] { conditions[4], conditions[6] }.Order());
            // The grid's four images show the classes in turn, each class's clusters on alternate rounds: 0, 2, 1, 3.
            Assert.Equal([0L, 2, 1, 3], trainer.Components.Latent.LabelsOf(trainer.CaptureState().FixedLatent).data<long>().ToArray());
            trainer.Train();
        }

        using (var generator = TrainedGenerator.Load(directory))
        {
            Assert.Equal(2, generator.Classes);
            // Class 1 drawn 200 times: each image one of class 1's clusters, both of them used.
            using var latents = generator.Latents(200, seed: 3, classIndex: 1);
            var drawn = LatentSampler.For(generator.Config).LabelsOf(latents).data<long>().ToArray();
            Assert.Equal([2L, 3], drawn.Distinct().Order());
            Assert.Equal("class", Assert.Throws<InvalidInputException>(() => generator.Sample(1, 0, classIndex: 2)).Setting);
        }

        using (var critic = TrainedCritic.Load(directory))
        {
            using var images = DarkAndBright();
            Assert.Equal(8, critic.Score(images.Images, labels: images.Labels).Length);
            // The critic knows four conditions but the run two classes: a label of 2 is beyond them.
            Assert.Equal("data", Assert.Throws<InvalidInputException>(() => critic.Score(images.Images, labels: [0, 0, 0, 0, 1, 1, 1, 2])).Setting);
        }
    }

    [Fact]
    public void Beside_a_projection_on_the_clusters_the_auxiliary_classifier_names_the_datas_class()
    {
        var directory = Path.Combine(_temp.Path, "both");
        using (var images = DarkAndBright())
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.ProjectionAndClassifier, ClustersPerClass = 2, ClassLossWeight = 0.5 }, directory, images))
        {
            var critic = Assert.IsType<AuxiliaryClassifierCritic>(trainer.Components.Critic);
            Assert.Equal(2, critic.Classes);                                          // the classifier: the data's classes
            Assert.Equal(4, Assert.IsType<ProjectionCritic>(critic.Conditional).Classes); // the projection: their clusters

            // Logits (0, ln 3) for every image, so class 0 has probability 1/4 and class 1 3/4. Conditions 0 and 1 are
            // class 0's clusters, 2 and 3 class 1's: conditions 0, 1, 1, 3 are classes 0, 0, 0, 1 (where the remainder
            // would give 0, 1, 1, 1), and the loss is the mean of -ln(1/4) three times and -ln(3/4) once, halved.
            var classifier = critic.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            using (no_grad())
            {
                classifier["_classifier.weight"].zero_();
                classifier["_classifier.bias"].copy_(tensor(new float[] { 0, (float)Math.Log(3) }));
            }
            var conditioning = new StepConditioning(trainer.Components);
            using var features = zeros(4, classifier["_classifier.weight"].shape[1], 2, 2);
            using var loss = conditioning.ClassLoss(features, tensor(new long[] { 0, 1, 1, 3 }));
            Assert.Equal(0.5 * (3 * Math.Log(4) + Math.Log(4.0 / 3)) / 4, loss.item<float>(), 5);
            trainer.Train();
        }

        var losses = File.ReadAllLines(Path.Combine(directory, "losses.csv"));
        var column = Array.IndexOf(losses[0].Split(','), "class_loss");
        Assert.True(column > 0);
        Assert.All(losses.Skip(1), line => Assert.True(double.IsFinite(double.Parse(line.Split(',')[column], System.Globalization.CultureInfo.InvariantCulture))));
        using (var generator = TrainedGenerator.Load(directory))
        {
            using var latents = generator.Latents(100, seed: 3, classIndex: 1);
            Assert.Equal([2L, 3], LatentSampler.For(generator.Config).LabelsOf(latents).data<long>().ToArray().Distinct().Order());
        }
        using (var critic = TrainedCritic.Load(directory))
        {
            // Judged through the projection, so labels are needed: each image's best score over its class's two clusters.
            using var images = DarkAndBright();
            using var classes = tensor(images.Labels);
            Assert.Equal(TinyRuns.BestScoresByHand(directory, images.Images, 2, cluster => classes * 2 + cluster),
                critic.Score(images.Images, labels: images.Labels));
            Assert.Equal("data", Assert.Throws<InvalidInputException>(() => critic.Score(images.Images)).Setting);
        }
    }

    [Fact]
    public void A_class_is_drawn_as_one_of_its_clusters_uniformly()
    {
        var sampler = new LatentSampler(LatentDistribution.Uniform, 4, 6) { ClustersPerClass = 3 };
        Assert.Equal(2, sampler.DataClasses);
        using var random = new TorchSharp.torch.Generator(11);
        using var conditions = sampler.ConditionsOfClass(1, 3000, random);
        var counts = conditions.data<long>().ToArray().GroupBy(c => c).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToArray();
        Assert.Equal([3L, 4, 5], counts.Select(c => c.Key));
        Assert.All(counts, c => Assert.InRange(c.Item2, 900, 1100)); // about 1,000 each: 5 standard deviations is 130
        // Classes in turn, each class's clusters in turn on each round: conditions 0, 3, 1, 4, 2, 5, 0.
        using var inTurn = sampler.ClassesInTurn(7, CPU);
        Assert.Equal([0L, 3, 1, 4, 2, 5, 0], inTurn.data<long>().ToArray());

        // One cluster per class: the class itself, and the random sequence untouched.
        var plain = new LatentSampler(LatentDistribution.Uniform, 4, 2);
        using var seeded = new TorchSharp.torch.Generator(11);
        using var ones = plain.ConditionsOfClass(1, 3, seeded);
        Assert.Equal([1L, 1, 1], ones.data<long>().ToArray());
        using var next = randint(0, 1000, [1], generator: seeded);
        using var fresh = new TorchSharp.torch.Generator(11);
        using var first = randint(0, 1000, [1], generator: fresh);
        Assert.Equal(first.item<long>(), next.item<long>());

        Assert.Throws<ArgumentOutOfRangeException>(() => new LatentSampler(LatentDistribution.Uniform, 4, 6) { ClustersPerClass = 4 });
    }

    [Fact]
    public void Clusters_per_class_without_the_datas_classes_is_refused_naming_the_setting()
    {
        var unconditional = Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(TinyRuns.Shapes(1) with { ClustersPerClass = 2 }));
        Assert.Equal("clusters_per_class", unconditional.Setting);
        Assert.Contains("needs condition projection, acgan or projection_acgan", unconditional.Message);
        Assert.Equal("clusters_per_class", Assert.Throws<InvalidInputException>(() =>
            ConfigValidation.Validate(TinyRuns.Shapes(1) with { Condition = Conditioning.Clusters, ClustersPerClass = 2 })).Setting);
        Assert.Equal("clusters_per_class", Assert.Throws<InvalidInputException>(() =>
            ConfigValidation.Validate(TinyRuns.Shapes(1) with { Condition = Conditioning.Projection, ClustersPerClass = 0 })).Setting);

        using var images = DarkAndBright();
        var tooFew = Assert.Throws<InvalidInputException>(() => GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection, ClustersPerClass = 5 }, images));
        Assert.Equal("clusters_per_class", tooFew.Setting);
        Assert.Contains("class 0 has only 4 images", tooFew.Message);
    }

    public void Dispose() => _temp.Dispose();
}
