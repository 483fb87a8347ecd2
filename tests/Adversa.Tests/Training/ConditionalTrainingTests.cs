using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class ConditionalTrainingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Train(TrainingConfig config, string name) => TinyRuns.TrainInto(config, Path.Combine(_temp.Path, name));

    [Fact]
    public void A_conditional_run_takes_its_classes_from_the_labelled_data_and_draws_them_in_turn_in_its_grid()
    {
        var directory = Path.Combine(_temp.Path, "projection");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, directory))
        {
            // The shapes' training set has two classes (a square and a circle); the fixed batch of 4 draws 0, 1, 0, 1.
            Assert.Equal(2, trainer.Config.Classes);
            Assert.Equal(2, trainer.Components.Latent.Classes);
            var state = trainer.CaptureState();
            Assert.Equal([0L, 1, 0, 1], trainer.Components.Latent.LabelsOf(state.FixedLatent).data<long>().ToArray());
            trainer.Train();
        }
        var layout = new RunLayout(directory);
        Assert.Equal(2, TrainingConfig.FromJson(File.ReadAllText(layout.ConfigPath)).Classes);
        Assert.StartsWith("iteration,epoch,d_loss,g_loss,gp,wasserstein,score_real,score_fake\n", File.ReadAllText(layout.LossesCsvPath));
        Assert.True(File.Exists(Path.Combine(layout.SamplesDirectory, "epoch_0001.png")));
    }

    [Fact]
    public void An_acgan_run_logs_its_class_loss_beside_the_critics()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.AuxiliaryClassifier, ClassLossWeight = 2 }, "acgan");
        var rows = LossLog.Read(new RunLayout(directory).LossesCsvPath);
        Assert.All(rows, r => Assert.Equal(["class_loss", "gp", "wasserstein", "score_real", "score_fake"], r.Scalars.Select(s => s.Name)));
        // Two cross-entropies of two classes, each weighted 2: about 2 x 2 x log 2 before the classifier has learnt anything.
        Assert.InRange(rows[0].Scalar("class_loss")!.Value, 2 * 2 * Math.Log(2) * 0.5, 2 * 2 * Math.Log(2) * 1.5);
    }

    [Fact]
    public void An_infogan_run_needs_no_labels_and_asks_its_classifier_for_the_generated_images_codes_only()
    {
        using var unlabelled = new LabeledImages(rand(8, 3, 64, 64) * 2 - 1, [], [], "memory", PixelRange.Symmetric);
        var directory = Path.Combine(_temp.Path, "infogan");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.LatentCode }, directory, unlabelled))
        {
            Assert.Equal(10, trainer.Config.Classes); // InfoGAN's ten categories unless set
            Assert.True(trainer.Components.ClassesAreLatentCodes);
            trainer.Train();
        }
        var rows = LossLog.Read(new RunLayout(directory).LossesCsvPath);
        // One cross-entropy of ten codes (the generated images'), not two as in AC-GAN: about log 10 before training.
        Assert.InRange(rows[0].Scalar("class_loss")!.Value, Math.Log(10) * 0.7, Math.Log(10) * 1.3);

        using var generator = TrainedGenerator.Load(directory);
        Assert.Equal(3, generator.ClassIndex("3", "class"));
        Assert.Contains("InfoGAN's latent codes, numbered 0 to 9", Assert.Throws<InvalidInputException>(() => generator.ClassIndex("square", "class")).Message);
    }

    [Fact]
    public void A_self_conditioned_run_tells_its_projection_critic_the_images_clusters_and_compares_no_classes()
    {
        using var unlabelled = new LabeledImages(rand(16, 3, 64, 64) * 2 - 1, [], [], "memory", PixelRange.Symmetric);
        var directory = Path.Combine(_temp.Path, "clusters");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Clusters }, directory, unlabelled))
        {
            Assert.Equal(10, trainer.Config.Classes); // ten clusters unless set
            Assert.IsType<ProjectionCritic>(trainer.Components.Critic);
            Assert.False(trainer.Components.ClassesAreLatentCodes);
            // The critic is told each image's cluster: k-means of the images as trained on, with the run's seed.
            Assert.Equal(ImageClusters.Balanced(trainer.Images, 10, trainer.Config.Seed), trainer.Labels!.data<long>().ToArray());
            trainer.Train();
        }
        using (var generator = TrainedGenerator.Load(directory))
        {
            Assert.Equal(3, generator.ClassIndex("3", "class"));
            Assert.Contains("clusters of its images, numbered 0 to 9", Assert.Throws<InvalidInputException>(() => generator.ClassIndex("square", "class")).Message);
        }
        // The critic judges an image as of the cluster it fits best: its highest score over the ten, labels or none.
        using (var critic = TrainedCritic.Load(directory))
        {
            var scores = critic.Score(unlabelled.Images);
            Assert.Equal(TinyRuns.BestScoresByHand(directory, unlabelled.Images, 10, cluster => full(16, cluster, ScalarType.Int64)), scores);
            Assert.Equal(scores, critic.Score(unlabelled.Images, labels: [.. Enumerable.Repeat(7L, 16)]));
        }
        // On labelled images too, the classes are the clusters, and evaluation compares none.
        var labelled = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Clusters, Classes = 3 }, "clusters-evaluate");
        var result = RunEvaluation.Measure(new EvaluationRequest(labelled, MetricKinds.Fid, Samples: 200, Seed: 1));
        Assert.True(result.Fid > 0);
        Assert.Null(result.PerClass);

        var tooMany = Assert.Throws<InvalidInputException>(() => GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Clusters, Classes = 17 }, unlabelled));
        Assert.Equal("classes", tooMany.Setting);
        Assert.Contains("more clusters than the 16 images", tooMany.Message);
    }

    [Fact]
    public void Evaluating_an_infogan_run_compares_no_classes()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.LatentCode, Classes = 3 }, "infogan-evaluate");
        var result = RunEvaluation.Measure(new EvaluationRequest(directory, MetricKinds.Fid, Samples: 200, Seed: 1));
        Assert.True(result.Fid > 0);
        Assert.Null(result.PerClass); // its codes are its own, not the data's classes
    }

    [Fact]
    public void Conditioning_on_unlabelled_images_is_refused_naming_the_setting()
    {
        using var unlabelled = new LabeledImages(zeros(8, 3, 64, 64), [], [], "memory", PixelRange.Symmetric);
        var error = Assert.Throws<InvalidInputException>(() => GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, unlabelled));
        Assert.Equal("condition", error.Setting);
        Assert.Contains("needs labelled images", error.Message);
        using var beyond = new LabeledImages(zeros(8, 3, 64, 64), [0, 1, 2, 0, 1, 2, 0, 1], ["a", "b", "c"], "memory", PixelRange.Symmetric);
        var tooFew = Assert.Throws<InvalidInputException>(() => GanTrainer.Create(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection, Classes = 2 }, beyond));
        Assert.Equal("classes", tooFew.Setting);
    }

    [Fact]
    public void A_trained_conditional_generator_samples_the_class_asked_for_from_the_same_z()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, "sample");
        using var generator = TrainedGenerator.Load(directory);
        Assert.Equal(2, generator.Classes);
        using var latents = generator.Latents(3, seed: 7, classIndex: 1);
        Assert.Equal([1L, 1, 1], LatentSampler.For(generator.Config).LabelsOf(latents).data<long>().ToArray());
        using var circles = generator.Sample(3, seed: 7, classIndex: 1);
        using var squares = generator.Sample(3, seed: 7, classIndex: 0);
        using var fromLatents = generator.Generate(latents);
        Assert.True(circles.allclose(fromLatents));
        Assert.False(circles.allclose(squares, rtol: 0, atol: 1e-4));
        Assert.Equal(1, generator.ClassIndex("circle (0.85, -1) 0.03", "class"));
        Assert.Equal("class", Assert.Throws<InvalidInputException>(() => generator.Sample(1, 0, classIndex: 2)).Setting);
        Assert.Equal("class", Assert.Throws<InvalidInputException>(() => generator.ClassIndex("triangle", "class")).Setting);

        using var unconditional = TrainedGenerator.Load(Train(TinyRuns.Shapes(epochs: 1), "plain"));
        Assert.Contains("unconditional", Assert.Throws<InvalidInputException>(() => unconditional.Sample(1, 0, classIndex: 0)).Message);
    }

    [Fact]
    public void A_conditional_generator_exports_its_weights_and_refuses_onnx_in_one_line()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, "export");
        var weights = Path.Combine(_temp.Path, "generator.safetensors");
        ModelExport.Export(directory, weights, ExportFormat.Safetensors);
        // The weights load back into a fresh conditional generator and draw what the run draws.
        var config = TrainedGenerator.Load(directory).Config;
        using var fresh = NetworkFactory.CreateGenerator(config);
        ModelExport.LoadWeights(fresh, weights);
        fresh.eval();
        using var generator = TrainedGenerator.Load(directory);
        using var latents = generator.Latents(2, seed: 1, classIndex: 1);
        using (no_grad())
            Assert.True(fresh.forward(latents).allclose(generator.Generate(latents)));

        var onnx = Path.Combine(_temp.Path, "generator.onnx");
        var refused = Assert.Throws<InvalidInputException>(() => ModelExport.Export(directory, onnx, ExportFormat.Onnx));
        Assert.Equal("network", refused.Setting);
        Assert.Contains("ClassConditionalGenerator; export it as safetensors or pth", refused.Message);
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void A_projection_critic_scores_labelled_images_with_their_classes_and_refuses_unlabelled_ones()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, "score");
        using var critic = TrainedCritic.Load(directory);
        var scores = critic.Score(DataSource.Resolve("shapes"), seed: 5);
        Assert.Equal(600, scores.Count);
        using var images = zeros(2, 3, 64, 64);
        var asSquares = critic.Score(images, labels: [0, 0]);
        var asCircles = critic.Score(images, labels: [1, 1]);
        Assert.NotEqual(asSquares[0], asCircles[0]); // the class enters the score
        Assert.Equal("data", Assert.Throws<InvalidInputException>(() => critic.Score(images)).Setting);
    }

    [Fact]
    public void Evaluating_a_conditional_run_measures_each_class_against_its_own_reference_images()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, "evaluate");
        var result = RunEvaluation.Measure(new EvaluationRequest(directory, MetricKinds.Fid, Samples: 400, Seed: 3));
        Assert.Equal(2, result.PerClass!.Count);
        // The shapes classifier knows the ten test classes, of which the training set's square and circle are the first two.
        Assert.InRange(result.ClassAccuracy!.Value, 0, 1);

        // Class 1 by hand: 200 images of class 1 drawn with seed 3 + 1, against the circles of the shapes' test split.
        using var generator = TrainedGenerator.Load(directory);
        using var network = FeatureNetworkCatalog.For(DataSource.Resolve("shapes"), null, CPU);
        var (reference, _) = EvaluationReference.Load(DataSource.Resolve("shapes"), generator.Config.Seed, 3, 64);
        using (reference)
        {
            using var circles = reference.Subset(i => reference.Labels[i] == 1);
            using var real = Embedding.Of(network, Embedding.Batches(circles.Images));
            using var generated = Embedding.Of(network, generator.SampleBatches(200, seed: 4, classIndex: 1));
            var expected = GenerativeMetrics.FrechetDistance(FeatureStatistics.Of(generated.Features), FeatureStatistics.Of(real.Features));
            Assert.Equal(expected, result.PerClass[1].Fid!.Value, 6);
            Assert.Equal((200L, circles.Count), (result.PerClass[1].Samples, result.PerClass[1].ReferenceSamples));
        }
        Assert.Equal((result.PerClass[0].Fid!.Value + result.PerClass[1].Fid!.Value) / 2, result.IntraFid!.Value, 9);
    }

    [Fact]
    public void Measuring_real_images_of_a_conditional_run_gives_the_class_accuracy_the_data_itself_reaches()
    {
        var directory = Train(TinyRuns.Shapes(epochs: 1) with { Condition = Conditioning.Projection }, "real");
        var result = RunEvaluation.Measure(new EvaluationRequest(directory, MetricKinds.Fid, Samples: 300, Seed: 2, Real: true));
        Assert.Equal(2, result.PerClass!.Count);
        Assert.All(result.PerClass, m => Assert.Null(m.Fid));

        // By hand: the same 300 training images, each class's share that the shapes classifier names rightly, averaged.
        using var network = FeatureNetworkCatalog.For(DataSource.Resolve("shapes"), null, CPU);
        var (train, _) = EvaluationReference.Load(DataSource.Resolve("shapes"), TinyRuns.Shapes(1).Seed, 3, 64, DatasetSplit.Train, subsetCount: 300, subsetSeed: 2);
        using (train)
        {
            using var embedding = Embedding.Of(network, Embedding.Batches(train.Images));
            var predicted = embedding.Probabilities!.argmax(1).data<long>().ToArray();
            double Share(int c) => Enumerable.Range(0, predicted.Length).Where(i => train.Labels[i] == c).Average(i => predicted[i] == c ? 1.0 : 0.0);
            Assert.Equal(Share(1), result.PerClass[1].Accuracy!.Value, 9);
            Assert.Equal(train.Labels.Count(l => l == 1), result.PerClass[1].Samples);
            Assert.Equal((Share(0) + Share(1)) / 2, result.ClassAccuracy!.Value, 9);
        }
        // An unconditional run's real images are measured without classes, as before.
        var plain = RunEvaluation.Measure(new EvaluationRequest(Train(TinyRuns.Shapes(epochs: 1), "real-plain"), MetricKinds.Fid, Samples: 300, Seed: 2, Real: true));
        Assert.Null(plain.ClassAccuracy);
    }

    [RealDataFact("fashion-mnist")]
    public void The_class_accuracy_is_the_share_of_images_the_data_sets_classifier_assigns_to_the_class_asked_for()
    {
        var config = PresetCatalog.Get("dcgan-mnist-quick").Config with
        {
            Data = "fashion-mnist", MaxImages = 256, GeneratorWidth = 8, CriticWidth = 4, BatchSize = 16, Epochs = 1,
            IterationsPerEpoch = 2, SampleCount = 10, Condition = Conditioning.AuxiliaryClassifier,
        };
        var directory = Train(config, "fashion");
        var result = RunEvaluation.Measure(new EvaluationRequest(directory, MetricKinds.Fid, Samples: 300, Seed: 1));
        Assert.Equal(10, result.PerClass!.Count);
        Assert.All(result.PerClass, m => Assert.Null(m.Fid)); // 30 images a class are too few for FID with 128-d features

        using var generator = TrainedGenerator.Load(directory);
        using var network = FeatureNetworkCatalog.For(DataSource.Resolve("fashion-mnist"), null, CPU);
        using var trousers = Embedding.Of(network, generator.SampleBatches(30, seed: 1 + 1, classIndex: 1));
        using var right = trousers.Probabilities!.argmax(1).eq(1).to(ScalarType.Float64).mean();
        Assert.Equal(right.item<double>(), result.PerClass[1].Accuracy!.Value, 9);
        Assert.Equal(result.PerClass.Average(m => m.Accuracy!.Value), result.ClassAccuracy!.Value, 9);
    }

    public void Dispose() => _temp.Dispose();
}
