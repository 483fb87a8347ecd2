using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>The synthetic shapes of seed 003: 64x64 RGB, white background, a centred figure of size 0.7*64.</summary>
public static class ShapesDataset
{
    /// <summary>Side of the square images.</summary>
    public const int ImageSize = 64;

    /// <summary>The two training classes; the seed draws squares with sign +1 and circles with sign -1.</summary>
    public static IReadOnlyList<ShapeClass> TrainingClasses { get; } =
    [
        new(ShapeKind.Square, 0.7, +1, 0.03),
        new(ShapeKind.Circle, 0.85, -1, 0.03),
    ];

    /// <summary>
    /// The ten test classes of the seed's scoring experiment (the two training classes first). The seed names six of
    /// them; the other four, and the triangle's drawing, are our reading of its figures.
    /// </summary>
    public static IReadOnlyList<ShapeClass> TestClasses { get; } =
    [
        new(ShapeKind.Square, 0.7, +1, 0.03),     // the seed's (training)
        new(ShapeKind.Circle, 0.85, -1, 0.03),    // the seed's (training)
        new(ShapeKind.Square, 0.7, +1, 0.01),     // ours
        new(ShapeKind.Square, 0.85, +1, 0.03),    // the seed's
        new(ShapeKind.Circle, 0.85, -1, 0.01),    // the seed's
        new(ShapeKind.Circle, 0.85, +1, 0.03),    // the seed's
        new(ShapeKind.Circle, 0.7, -1, 0.03),     // ours
        new(ShapeKind.Triangle, 0.7, -1, 0.01),   // the seed's
        new(ShapeKind.Triangle, 0.7, -1, 0.03),   // ours
        new(ShapeKind.Triangle, 0.85, +1, 0.03),  // ours
    ];

    /// <summary>The seed's training set: 300 images of each training class.</summary>
    public static LabeledImages CreateTrainingSet(long seed, int imagesPerClass = 300) =>
        Create(TrainingClasses, imagesPerClass, seed, "shapes");

    /// <summary>
    /// The seed's test set: 40 images of each of the ten test classes, drawn independently of the training set of the
    /// same <paramref name="seed"/> (the seed generates it anew): from a generator seeded with a mix of the seed, so no
    /// test image repeats a training image or its noise.
    /// </summary>
    public static LabeledImages CreateTestSet(long seed, int imagesPerClass = 40) =>
        Create(TestClasses, imagesPerClass, TestSetSeed(seed), "shapes-test");

    // SplitMix64's output for the seed: libtorch's CPU generator keeps only a seed's low 32 bits, so the test set's
    // seed must differ from the run's there, as it does for every seed with a mixing function.
    private static long TestSetSeed(long seed)
    {
        var z = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((long)(z ^ (z >> 31)));
    }

    /// <summary>Renders <paramref name="imagesPerClass"/> images of each class as byte values 0..255 (float32, N x 3 x 64 x 64), labelled by class index.</summary>
    public static LabeledImages Create(IReadOnlyList<ShapeClass> classes, int imagesPerClass, long seed, string name)
    {
        if (imagesPerClass <= 0)
            throw new ArgumentOutOfRangeException(nameof(imagesPerClass), "must be positive");
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed, CPU);
        var perClass = new List<Tensor>(classes.Count);
        var labels = new List<long>(classes.Count * imagesPerClass);
        for (var classIndex = 0; classIndex < classes.Count; classIndex++)
        {
            perClass.Add(Render(classes[classIndex], imagesPerClass, generator));
            labels.AddRange(Enumerable.Repeat((long)classIndex, imagesPerClass));
        }
        var images = cat(perClass, 0).MoveToOuterDisposeScope();
        return new LabeledImages(images, [.. labels], [.. classes.Select(c => c.Label)], name, PixelRange.Bytes);
    }

    /// <summary>The figure's pixel mask (1 inside, 0 outside), 64 x 64.</summary>
    public static bool[,] Mask(ShapeKind shape)
    {
        var featureSize = ImageSize * 0.7;
        // The seed's box: int((64 - 44.8) / 2) = 9 to 64 - 9 = 55 (exclusive).
        var start = (int)((ImageSize - featureSize) / 2);
        var end = ImageSize - start;
        var mask = new bool[ImageSize, ImageSize];
        for (var row = start; row < end; row++)
        {
            for (var column = start; column < end; column++)
            {
                mask[row, column] = shape switch
                {
                    ShapeKind.Square => true,
                    // The seed's commented circle test: distance from (32, 32) on integer indices <= 22.4.
                    ShapeKind.Circle => Math.Sqrt(Square(ImageSize / 2.0 - row) + Square(ImageSize / 2.0 - column)) <= featureSize / 2,
                    // The seed shows no triangle code: half-width grows linearly from 0 at the top row to half the box at the bottom.
                    ShapeKind.Triangle => Math.Abs(column + 0.5 - ImageSize / 2.0) <= (row + 0.5 - start) / (end - start) * (end - start) / 2.0,
                    _ => throw new ArgumentOutOfRangeException(nameof(shape)),
                };
            }
        }
        return mask;
    }

    private static double Square(double value) => value * value;

    private static Tensor Render(ShapeClass shapeClass, int count, Generator generator)
    {
        var mask = Mask(shapeClass.Shape);
        var maskValues = new float[ImageSize * ImageSize];
        for (var row = 0; row < ImageSize; row++)
            for (var column = 0; column < ImageSize; column++)
                maskValues[row * ImageSize + column] = mask[row, column] ? 1f : 0f;
        var maskTensor = tensor(maskValues).reshape(1, 1, ImageSize, ImageSize);
        var colors = tensor(new[] { 0, 1, 2 }.Select(c => (float)shapeClass.ChannelColor(c)).ToArray()).reshape(1, 3, 1, 1);
        var noise = randn([count, 3, ImageSize, ImageSize], generator: generator) * shapeClass.Noise;
        // The seed writes (color + noise) * 255 into a uint8 array: truncation toward zero. Values past
        // 255 (base 0.85 with sign +1 reaches 1.05) would wrap in NumPy; we saturate instead.
        var figure = ((colors + noise) * 255.0).clamp(0, 255).floor();
        return torch.where(maskTensor > 0.5, figure, torch.full_like(figure, 255f));
    }
}
