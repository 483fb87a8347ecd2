using Adversa.Data;
using Adversa.Runtime;
using Adversa.Tests.Cli;
using Adversa.Tests.Training;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Data;

public sealed class DiffAugmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static float[] Pixels(Tensor t) => t.contiguous().data<float>().ToArray();

    [Fact]
    public void Translation_shifts_each_image_and_lets_zeros_in_by_hand()
    {
        using var image = arange(1, 17, dtype: float32).view(1, 1, 4, 4);   // rows 1-4, 5-8, 9-12, 13-16
        // One down, one left: output (i, j) = input (i - 1, j + 1).
        using var shifted = DiffAugment.Translate(image, tensor(new long[] { 1, -1 }).view(1, 2));
        Assert.Equal(new float[] { 0, 0, 0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11, 12, 0 }, Pixels(shifted));
        // Two images, two shifts, in one call.
        using var pair = cat([image, image]);
        using var both = DiffAugment.Translate(pair, tensor(new long[] { 0, 0, -2, 0 }).view(2, 2));
        Assert.Equal(Pixels(image), Pixels(both[0]));
        Assert.Equal(new float[] { 9, 10, 11, 12, 13, 14, 15, 16, 0, 0, 0, 0, 0, 0, 0, 0 }, Pixels(both[1]));
    }

    [Fact]
    public void Cutout_zeroes_a_square_that_may_reach_past_the_border_and_passes_gradients_elsewhere()
    {
        using var image = ones(1, 2, 4, 4).requires_grad_();
        // A 2x2 square with its corner at row -1, column 2: only row 0, columns 2 and 3 lie inside the image.
        var cut = DiffAugment.Cutout(image, tensor(new long[] { -1, 2 }).view(1, 2), side: 2);
        var expected = new float[] { 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
        Assert.Equal(expected.Concat(expected), Pixels(cut));
        cut.sum().backward();
        Assert.Equal(expected.Concat(expected), Pixels(image.grad!));
    }

    [Fact]
    public void Colour_moves_a_grey_image_by_its_brightness_only_and_differs_per_image()
    {
        // Saturation and contrast scale around means that a constant image equals: only the brightness shift remains.
        manual_seed(7);
        using var grey = full(3, 3, 8, 8, 0.25f);
        using var coloured = DiffAugment.Color(grey);
        for (var i = 0; i < 3; i++)
        {
            var values = Pixels(coloured[i]);
            Assert.All(values, v => Assert.Equal(values[0], v, 5));
            Assert.InRange(values[0] - 0.25f, -0.5f, 0.5f);
        }
        Assert.NotEqual(Pixels(coloured[0])[0], Pixels(coloured[1])[0]);
    }

    [Fact]
    public void The_policy_is_reproducible_from_the_seed_and_none_changes_nothing()
    {
        using var images = rand(4, 3, 16, 16) * 2 - 1;
        var all = AugmentationPolicy.Color | AugmentationPolicy.Translation | AugmentationPolicy.Cutout;
        manual_seed(3);
        var first = Pixels(DiffAugment.Apply(images, all));
        manual_seed(3);
        Assert.Equal(first, Pixels(DiffAugment.Apply(images, all)));
        Assert.NotEqual(Pixels(images), first);
        Assert.Equal(Pixels(images), Pixels(DiffAugment.Apply(images, AugmentationPolicy.None)));
        Assert.Equal(all, ConfigOverrides.ApplyAssignment(new TrainingConfig(), "diff_augment=color,translation,cutout").DiffAugment);
        Assert.Equal(AugmentationPolicy.None, ConfigOverrides.ApplyAssignment(new TrainingConfig { DiffAugment = all }, "diff_augment=none").DiffAugment);
        Assert.Contains("\"diff_augment\": \"none\"", new TrainingConfig().ToJson());
    }

    [Fact]
    public void A_run_with_diffaugment_differs_from_one_without_and_repeats_itself()
    {
        string Train(string name, params string[] settings)
        {
            var run = _temp.File(name);
            var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(1), .. settings]);
            Assert.True(code == 0, error);
            return File.ReadAllText(Path.Combine(run, "losses.csv"));
        }
        var augmented = Train("a", "--set", "diff_augment=color,translation,cutout");
        Assert.Equal(augmented, Train("b", "--set", "diff_augment=color,translation,cutout"));
        Assert.NotEqual(augmented, Train("c"));
    }

    [RealDataFact("fashion-mnist")]
    public void The_olivetti_diffaugment_preset_trains_on_400_images_of_another_data_set()
    {
        var run = _temp.File("faces-standin");
        var (code, output, error) = CliRunner.Run("train", "dcgan-olivetti-diffaugment", "--data", "fashion-mnist", "--set", "max_images=400", "--epochs", "1", "--iterations", "2", "--out", run);
        Assert.True(code == 0, error);
        Assert.Contains("1 epochs of 2 generator steps", output);
        var config = TrainingConfig.FromJson(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(AugmentationPolicy.Color | AugmentationPolicy.Translation | AugmentationPolicy.Cutout, config.DiffAugment);
        Assert.Equal(400, config.MaxImages);
    }

    public void Dispose() => _temp.Dispose();
}
