using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Tests.Data;

public sealed class ShapesDatasetTests
{
    [Fact]
    public void The_training_set_is_300_squares_and_300_circles_of_64x64_RGB()
    {
        using var data = ShapesDataset.CreateTrainingSet(seed: 3);
        Assert.Equal(new long[] { 600, 3, 64, 64 }, data.Images.shape);
        Assert.Equal(300, data.Labels.Count(l => l == 0));
        Assert.Equal(300, data.Labels.Count(l => l == 1));
        Assert.Equal(["square (0.7, +1) 0.03", "circle (0.85, -1) 0.03"], data.ClassNames);
    }

    [Fact]
    public void The_test_set_has_the_seeds_ten_classes_of_40()
    {
        using var data = ShapesDataset.CreateTestSet(seed: 3);
        Assert.Equal(400, data.Count);
        Assert.Equal(10, data.ClassNames.Length);
        Assert.All(Enumerable.Range(0, 10), c => Assert.Equal(40, data.Labels.Count(l => l == c)));
        Assert.Equal(3, data.ClassNames.Count(n => n.StartsWith("triangle", StringComparison.Ordinal)));
        Assert.Contains("circle (0.85, +1) 0.03", data.ClassNames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    [InlineData(-7)]
    public void No_test_image_repeats_a_training_image_or_its_noise(long seed)
    {
        using var scope = NewDisposeScope();
        using var training = ShapesDataset.CreateTrainingSet(seed);
        using var test = ShapesDataset.CreateTestSet(seed);
        // The noise field where every figure covers the image (rows 32..51, columns 24..39 lie inside the square, the
        // circle and the triangle), each image's mean per channel removed and scaled to length 1.
        static Tensor Noise(Tensor images)
        {
            var centre = images[.., .., 32..52, 24..40];
            var residual = (centre - centre.mean([2, 3], keepdim: true)).flatten(1);
            return residual / (residual.norm(1, keepdim: true) + 1e-6);
        }
        var correlation = Noise(test.Images).matmul(Noise(training.Images).T).abs();
        // The same noise drawn at another noise level or colour correlates near 1; independent draws of 960 values
        // stay below about 0.2.
        Assert.True(correlation.max().item<float>() < 0.5, $"a test image shares a training image's noise (correlation {correlation.max().item<float>():F3})");
        var nearest = cdist(test.Images.flatten(1).to(float64), training.Images.flatten(1).to(float64)).min().item<double>();
        Assert.True(nearest > 100, $"a test image is (nearly) a training image: distance {nearest:F1}");
    }

    [Theory]
    [InlineData(0.7, +1, new[] { 0.7, 0.8, 0.9 })]
    [InlineData(0.85, -1, new[] { 0.85, 0.75, 0.65 })]
    public void Figure_pixels_average_the_designed_colour(double baseColor, int sign, double[] expected)
    {
        var shape = new ShapeClass(ShapeKind.Square, baseColor, sign, 0.03);
        using var data = ShapesDataset.Create([shape], 50, seed: 11, "t");
        for (var channel = 0; channel < 3; channel++)
        {
            // Pixels inside the figure: rows and columns 9..54. Truncation to bytes lowers the mean by 0.5.
            var mean = data.Images[.., channel, 9..55, 9..55].mean().item<float>();
            Assert.InRange(mean, expected[channel] * 255 - 0.5 - 0.3, expected[channel] * 255 - 0.5 + 0.3);
        }
    }

    [Theory]
    [InlineData(0.03)]
    [InlineData(0.01)]
    public void Noise_has_the_classs_standard_deviation(double noise)
    {
        using var data = ShapesDataset.Create([new ShapeClass(ShapeKind.Square, 0.5, +1, noise)], 20, seed: 5, "t");
        var std = data.Images[.., 0, 9..55, 9..55].std().item<float>();
        // Truncation to whole bytes adds variance 1/12 to the Gaussian's.
        var expected = Math.Sqrt(Math.Pow(noise * 255, 2) + 1.0 / 12);
        Assert.InRange(std, expected * 0.95, expected * 1.05);
    }

    [Fact]
    public void The_background_is_pure_white_and_the_figure_box_is_46_pixels()
    {
        using var data = ShapesDataset.Create([new ShapeClass(ShapeKind.Square, 0.7, +1, 0.03)], 2, seed: 1, "t");
        var outside = data.Images[.., .., 0..9, ..];
        Assert.True(outside.eq(255).all().item<bool>());
        var mask = ShapesDataset.Mask(ShapeKind.Square);
        Assert.Equal(46 * 46, mask.Cast<bool>().Count(v => v));
        Assert.True(mask[9, 9] && mask[54, 54] && !mask[8, 30] && !mask[55, 30]);
    }

    [Fact]
    public void Circle_and_triangle_masks_have_their_shapes()
    {
        var circle = ShapesDataset.Mask(ShapeKind.Circle);
        Assert.True(circle[32, 32] && circle[32, 10] && circle[10, 32]);
        Assert.False(circle[10, 10]); // the box's corner lies outside the inscribed circle
        var circleArea = circle.Cast<bool>().Count(v => v);
        Assert.InRange(circleArea, Math.PI * 22.4 * 22.4 * 0.95, Math.PI * 22.4 * 22.4 * 1.05);

        var triangle = ShapesDataset.Mask(ShapeKind.Triangle);
        int Width(int row) => Enumerable.Range(0, 64).Count(c => triangle[row, c]);
        Assert.True(Width(10) < Width(30) && Width(30) < Width(54));
        Assert.InRange(Width(54), 44, 46);
        Assert.InRange(triangle.Cast<bool>().Count(v => v), 46 * 46 / 2 - 50, 46 * 46 / 2 + 50);
    }

    [Fact]
    public void Colours_past_white_saturate_at_255()
    {
        // Channel 2 of (0.85, +1) is 1.05 of full scale.
        using var data = ShapesDataset.Create([new ShapeClass(ShapeKind.Square, 0.85, +1, 0.0)], 1, seed: 1, "t");
        Assert.Equal(255f, data.Images[0, 2, 30, 30].item<float>());
        Assert.Equal(242f, data.Images[0, 1, 30, 30].item<float>()); // floor(0.95 * 255) = 242
    }

    [Fact]
    public void The_same_seed_gives_the_same_images_and_another_seed_others()
    {
        using var a = ShapesDataset.CreateTrainingSet(seed: 9, imagesPerClass: 5);
        using var b = ShapesDataset.CreateTrainingSet(seed: 9, imagesPerClass: 5);
        using var c = ShapesDataset.CreateTrainingSet(seed: 10, imagesPerClass: 5);
        Assert.True(a.Images.equal(b.Images).all().item<bool>());
        Assert.False(a.Images.equal(c.Images).all().item<bool>());
    }
}
