using Adversa.Data;
using Adversa.Losses;
using Adversa.Runtime;
using Adversa.Tests.Training;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Losses;

public sealed class ModeSeekingTests
{
    [Fact]
    public void The_term_is_one_over_the_ratio_of_the_pairs_image_distance_to_their_latent_distance()
    {
        // Pairs are rows (0, 2) and (1, 3): image differences 2, 4 and 0, 2 (mean 2), latent differences 1 and 3 (mean 2),
        // so the ratio is 1 and the term 1 / (1 + 1e-5). The odd fifth row is in no pair.
        using var images = tensor(new float[,] { { 0, 0 }, { 1, 1 }, { 2, 4 }, { 1, 3 }, { 50, 50 } }).requires_grad_();
        using var z = tensor(new float[,] { { 0 }, { 0 }, { 1 }, { 3 }, { 9 } });
        using var loss = ModeSeeking.Loss(images, z);
        Assert.Equal(1 / (1 + ModeSeeking.Epsilon), loss.item<float>(), 6);

        // dL/d image = -1 / (r + eps)^2 / d_z * d(d_image)/d image = -(1/2) * sign(difference) / 4 for the first of a pair:
        // pushing a pair apart lowers the term. Equal entries (row 1 against row 3, first column) have no gradient.
        loss.backward();
        var expected = new[] { 0.125f, 0.125f, 0f, 0.125f, -0.125f, -0.125f, 0f, -0.125f, 0f, 0f };
        var gradient = images.grad!.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], gradient[i], 4);
    }

    [Fact]
    public void A_batch_of_one_has_no_pair_and_is_refused()
    {
        using var one = ones(1, 3);
        Assert.Contains("at least two", Assert.Throws<ArgumentException>(() => ModeSeeking.Loss(one, one)).Message);
    }

    [Fact]
    public void Paired_classes_repeat_their_first_half_and_draw_one_more_for_an_odd_batch()
    {
        manual_seed(3);
        using var classes = ModeSeeking.PairedClasses(10, 41, CPU);
        var values = classes.data<long>().ToArray();
        Assert.Equal(41, values.Length);
        Assert.Equal(values[..20], values[20..40]);
        Assert.All(values, c => Assert.InRange(c, 0, 9));
        Assert.True(values[..20].Distinct().Count() > 3); // drawn, not one class
    }

    [Fact]
    public void The_generators_logged_loss_carries_the_weighted_term_of_the_images_it_drew()
    {
        // Without a penalty or dropout the critic's update draws only its z, so the generator's z is the second draw
        // after the seed, and the generator (unchanged by the critic's update) draws the same images from it again here.
        var config = TinyRuns.Shapes(epochs: 1) with { Regularizer = RegularizerKind.None, BatchSize = 6 };
        using var real = ShapesDataset.CreateTrainingSet(seed: 5);
        var batch = real.Images.narrow(0, 0, 6);
        double GeneratorLoss(double weight)
        {
            manual_seed(11);
            using var components = GanComponents.FromConfig(config);
            components.ModeSeekingWeight = weight;
            manual_seed(12);
            return new GanStep(components).Run(() => batch).GeneratorLoss;
        }
        var withoutTerm = GeneratorLoss(0);
        var withTerm = GeneratorLoss(2.5);

        manual_seed(11);
        using var fresh = GanComponents.FromConfig(config);
        manual_seed(12);
        using var criticsZ = fresh.Latent.Sample(6, CPU);
        using var generatorsZ = fresh.Latent.Sample(6, CPU);
        using var images = fresh.Generator.call(generatorsZ);
        var term = ModeSeeking.Loss(images, generatorsZ).item<float>();
        Assert.True(term > 0.1);
        Assert.Equal(withoutTerm + 2.5 * term, withTerm, 3);
    }

    [Fact]
    public void A_negative_weight_is_refused_naming_the_setting()
    {
        var config = ConfigOverrides.ApplyAssignment(TinyRuns.Shapes(epochs: 1), "mode_seeking_weight=-1");
        Assert.Equal("mode_seeking_weight -1: must be zero (off) or positive",
            Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(config)).Message);
    }

    [Fact]
    public void Mode_seeking_needs_two_images_per_batch()
    {
        var config = TinyRuns.Shapes(epochs: 1) with { ModeSeekingWeight = 1, BatchSize = 1 };
        Assert.Equal("mode_seeking_weight 1: pairs the generator's images: needs batch_size 2 or more",
            Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(config)).Message);
    }
}
