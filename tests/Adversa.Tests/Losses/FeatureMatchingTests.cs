using Adversa.Losses;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Tests.Losses;

public sealed class FeatureMatchingTests
{
    [Fact]
    public void Feature_matching_is_the_mean_squared_difference_of_the_batch_means()
    {
        // Real means (2, 3), fake means (0, 1): differences (2, 2), mean of squares 4.
        using var real = tensor(new float[,] { { 1, 2 }, { 3, 4 } }).requires_grad_();
        using var fake = tensor(new float[,] { { 0, 0 }, { 0, 2 } }).requires_grad_();
        using var loss = FeatureMatching.Loss(real, fake);
        Assert.Equal(4f, loss.item<float>(), 5);

        // d/d fake_ij = 2 (fakeMean_j - realMean_j) / (features * batch) = 2 * (-2) / 4 = -1; the real side is a target.
        loss.backward();
        Assert.Equal(new[] { -1f, -1f, -1f, -1f }, fake.grad!.data<float>().ToArray());
        Assert.Null(real.grad);
    }

    [Fact]
    public void Feature_maps_are_flattened_and_identical_batches_match_exactly()
    {
        using var maps = randn(4, 3, 2, 2);
        Assert.Equal(0f, FeatureMatching.Loss(maps, maps.clone()).item<float>());
        using var shifted = maps + 0.5f;
        Assert.Equal(0.25f, FeatureMatching.Loss(maps, shifted).item<float>(), 5);
    }

    [Theory]
    [InlineData("adversarial", GeneratorObjective.Adversarial)]
    [InlineData("feature_matching", GeneratorObjective.FeatureMatching)]
    [InlineData("adversarial+feature_matching", GeneratorObjective.AdversarialAndFeatureMatching)]
    public void Objectives_parse_by_name_and_write_back_the_same(string name, GeneratorObjective expected)
    {
        Assert.Equal(expected, ConfigEnum.Parse<GeneratorObjective>(name, "generator_objective"));
        Assert.Equal(name, ConfigEnum.NameOf(expected));
    }

    [Fact]
    public void An_unknown_objective_names_the_key_and_the_choices() =>
        Assert.Equal("generator_objective match: unknown value (expected one of: adversarial, feature_matching, adversarial+feature_matching)",
            Assert.Throws<InvalidInputException>(() => ConfigEnum.Parse<GeneratorObjective>("match", "generator_objective")).Message);
}
