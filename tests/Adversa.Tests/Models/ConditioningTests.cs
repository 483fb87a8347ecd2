using Adversa.Models;
using Adversa.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

public sealed class ConditioningTests
{
    // A critic whose features are its input and whose score is their sum: the projection's share is then plain arithmetic.
    private sealed class SumCritic : Critic
    {
        public SumCritic() : base(nameof(SumCritic)) => RegisterComponents();
        public override Tensor Features(Tensor images) => images.alias();
        public override Tensor ScoreFeatures(Tensor features) => features.flatten(1).sum(1);
    }

    [Fact]
    public void Conditional_batch_norm_normalises_by_the_batch_then_applies_each_rows_class_gain_and_bias()
    {
        var condition = new ClassCondition(2);
        using var layer = new ConditionalBatchNorm(1, spatial: false, condition);
        using (no_grad())
        {
            var parameters = layer.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters["_gain.weight"].copy_(tensor(new float[] { 2, 5 }).view(2, 1));
            parameters["_bias.weight"].copy_(tensor(new float[] { 10, 20 }).view(2, 1));
        }
        // Batch [1, 3]: mean 2, biased variance 1, so normalised to -1 and +1 (less eps's share); row 0 of class 0, row 1 of class 1.
        using var oneHot = tensor(new float[] { 1, 0, 0, 1 }).view(2, 2);
        condition.OneHot = oneHot;
        using var output = layer.forward(tensor(new float[] { 1, 3 }).view(2, 1));
        condition.OneHot = null;
        var scale = 1 / Math.Sqrt(1 + 1e-5);
        Assert.Equal(2 * -scale + 10, output[0, 0].item<float>(), 4);
        Assert.Equal(5 * scale + 20, output[1, 0].item<float>(), 4);
        // A row halfway between the classes (a walk between them) takes the mean of their gains and biases: 3.5 and 15.
        using var mixed = tensor(new float[] { 0.5f, 0.5f, 0, 1 }).view(2, 2);
        condition.OneHot = mixed;
        using var walked = layer.forward(tensor(new float[] { 1, 3 }).view(2, 1));
        condition.OneHot = null;
        Assert.Equal(3.5 * -scale + 15, walked[0, 0].item<float>(), 4);
        // Outside a generator's forward pass, no class is known.
        Assert.Throws<InvalidOperationException>(() => layer.forward(tensor(new float[] { 1, 3 }).view(2, 1)));
    }

    [Fact]
    public void A_new_conditional_batch_norm_is_plain_batch_norm()
    {
        var condition = new ClassCondition(3);
        using var conditional = new ConditionalBatchNorm(4, spatial: true, condition);
        using var plain = nn.BatchNorm2d(4);
        using var input = randn(6, 4, 3, 3, generator: new torch.Generator(3));
        using var oneHot = nn.functional.one_hot(tensor(new long[] { 0, 1, 2, 0, 1, 2 }), 3).to(ScalarType.Float32);
        condition.OneHot = oneHot;
        using var output = conditional.forward(input);
        condition.OneHot = null;
        Assert.True(output.allclose(plain.forward(input), rtol: 0, atol: 1e-5));
    }

    [Fact]
    public void The_projection_adds_the_class_embeddings_inner_product_with_the_position_summed_features()
    {
        using var critic = new ProjectionCritic(new SumCritic(), featureChannels: 2, classes: 3);
        using (no_grad())
            critic.named_parameters().Single(p => p.name == "_embedding.weight").parameter.copy_(tensor(new float[] { 1, 0, 0, 1, 2, -1 }).view(3, 2));
        // Two images of 2 channels x 1 x 2 positions: image 0 channel sums (1 + 2, 3 + 4) = (3, 7); image 1 (0.5 + 0.5, -1 + 0) = (1, -1).
        using var images = tensor(new float[] { 1, 2, 3, 4, 0.5f, 0.5f, -1, 0 }).view(2, 2, 1, 2);
        Assert.Throws<InvalidOperationException>(() => critic.forward(images));
        using (critic.Condition(tensor(new long[] { 2, 1 })))
        {
            using var scores = critic.forward(images);
            // Image 0, class 2 (2, -1): 10 + (2 * 3 - 7) = 9; image 1, class 1 (0, 1): 0 + (0 * 1 + 1 * -1) = -1.
            Assert.Equal([9f, -1f], scores.data<float>().ToArray());
        }
        using (critic.Condition(tensor(new long[] { 0 })))
            Assert.Throws<ArgumentException>(() => critic.forward(images));
    }

    [Fact]
    public void The_auxiliary_classifier_maps_position_averaged_features_to_class_logits_and_leaves_the_score_alone()
    {
        using var critic = new AuxiliaryClassifierCritic(new SumCritic(), featureChannels: 2, classes: 2);
        using (no_grad())
        {
            var parameters = critic.named_parameters().ToDictionary(p => p.name, p => p.parameter);
            parameters["_classifier.weight"].copy_(tensor(new float[] { 1, 0, 0, 2 }).view(2, 2));
            parameters["_classifier.bias"].copy_(tensor(new float[] { 0, 1 }));
        }
        using var images = tensor(new float[] { 1, 3, 4, 6 }).view(1, 2, 1, 2); // channel means 2 and 5
        using var features = critic.Features(images);
        Assert.Equal([2f, 11f], critic.ClassLogits(features).data<float>().ToArray());
        Assert.Equal(14f, critic.forward(images).item<float>());
    }

    [Fact]
    public void A_conditional_latent_row_is_z_then_its_one_hot_class()
    {
        var sampler = new LatentSampler(LatentDistribution.Normal, 3, Classes: 4);
        using var labels = tensor(new long[] { 3, 0, 2 });
        using var latents = sampler.Sample(3, CPU, new torch.Generator(1), labels);
        Assert.Equal([3L, 7], latents.shape);
        Assert.Equal([0f, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0], latents.narrow(1, 3, 4).data<float>().ToArray());
        Assert.Equal([3L, 0, 2], sampler.LabelsOf(latents).data<long>().ToArray());
        using var fromSameGenerator = new LatentSampler(LatentDistribution.Normal, 3).Sample(3, CPU, new torch.Generator(1));
        Assert.True(latents.narrow(1, 0, 3).eq(fromSameGenerator).all().item<bool>()); // z is drawn as for an unconditional generator
        Assert.Equal([0L, 1, 2, 3, 0, 1], sampler.ClassesInTurn(6, CPU).data<long>().ToArray());
        using var drawn = sampler.Sample(1000, CPU, new torch.Generator(2));
        Assert.Equal(4, sampler.LabelsOf(drawn).unique().Item1.shape[0]); // without labels, every class is drawn
        Assert.Throws<InvalidOperationException>(() => new LatentSampler(LatentDistribution.Normal, 3).Sample(1, CPU, labels[..1]));
    }

    [Fact]
    public void A_walk_between_classes_mixes_the_one_hot_part_in_a_straight_line_and_slerps_z()
    {
        var sampler = new LatentSampler(LatentDistribution.Normal, 5, Classes: 2);
        using var from = sampler.Sample(1, CPU, new torch.Generator(1), tensor(new long[] { 0 }));
        using var to = sampler.Sample(1, CPU, new torch.Generator(2), tensor(new long[] { 1 }));
        using var path = sampler.Path(from, to, 5, LatentPathKind.Spherical);
        Assert.Equal([1f, 0, 0.75f, 0.25f, 0.5f, 0.5f, 0.25f, 0.75f, 0, 1], path.narrow(1, 5, 2).data<float>().ToArray());
        using var zPath = LatentInterpolation.Path(from.narrow(1, 0, 5), to.narrow(1, 0, 5), 5, LatentPathKind.Spherical);
        Assert.True(path.narrow(1, 0, 5).allclose(zPath));
    }

    [Fact]
    public void A_conditional_generator_draws_each_row_of_its_class()
    {
        var config = TinyConditional(Conditioning.Projection);
        using var generator = NetworkFactory.CreateGenerator(config);
        generator.eval();
        var sampler = LatentSampler.For(config);
        using var z = sampler.Sample(2, CPU, new torch.Generator(4), tensor(new long[] { 0, 0 }));
        using var sameZOtherClass = z.clone();
        sameZOtherClass.narrow(1, config.LatentDim, 2).copy_(tensor(new float[] { 0, 1, 0, 1 }).view(2, 2));
        using (no_grad())
        {
            using var first = generator.forward(z);
            using var second = generator.forward(sameZOtherClass);
            Assert.Equal([2L, 3, 64, 64], first.shape);
            Assert.False(first.allclose(second, rtol: 0, atol: 1e-4)); // the class changes the image
            using var again = generator.forward(z);
            Assert.True(first.eq(again).all().item<bool>());
        }
        Assert.Throws<ArgumentException>(() => generator.forward(zeros(1, config.LatentDim)));
    }

    [Fact]
    public void A_conditional_configuration_builds_the_critic_its_condition_names()
    {
        Assert.IsType<ProjectionCritic>(NetworkFactory.CreateCritic(TinyConditional(Conditioning.Projection)));
        Assert.Null(Assert.IsType<AuxiliaryClassifierCritic>(NetworkFactory.CreateCritic(TinyConditional(Conditioning.AuxiliaryClassifier))).Conditional);
        var both = Assert.IsType<AuxiliaryClassifierCritic>(NetworkFactory.CreateCritic(TinyConditional(Conditioning.ProjectionAndClassifier) with { ClustersPerClass = 3 }));
        Assert.Equal(2, both.Classes);
        Assert.Equal(6, Assert.IsType<ProjectionCritic>(both.Conditional).Classes);
        Assert.Same(both.Conditional, ClassConditionalCritics.Of(both));
        var unresolved = Assert.Throws<Adversa.Runtime.InvalidInputException>(() => NetworkFactory.CreateCritic(TinyConditional(Conditioning.Projection) with { Classes = 0 }));
        Assert.Equal("classes", unresolved.Setting);
    }

    private static TrainingConfig TinyConditional(Conditioning condition) =>
        Tests.Training.TinyRuns.Shapes(epochs: 1) with { Condition = condition, Classes = 2 };
}
