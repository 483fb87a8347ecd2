using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Tests.Data;

public sealed class ImageTransformsTests
{
    private static LabeledImages Bytes(float[] values, long height, long width) =>
        new(tensor(values).reshape(1, 1, height, width), [], [], "t", PixelRange.Bytes);

    [Fact]
    public void Byte_values_map_linearly_onto_minus_one_to_one()
    {
        using var data = Bytes([0f, 127.5f, 255f, 51f], 2, 2);
        using var scaled = ImageTransforms.ToSymmetricRange(data);
        var values = scaled.Images.data<float>().ToArray();
        Assert.Equal([-1f, 0f, 1f, -0.6f], values.Select(v => MathF.Round(v, 5)));
        Assert.Equal(PixelRange.Symmetric, scaled.Range);
    }

    [Fact]
    public void Bicubic_resize_gives_the_size_keeps_constants_and_stays_in_range()
    {
        var checker = Enumerable.Range(0, 28 * 28).Select(i => (i / 28 + i % 28) % 2 == 0 ? 0f : 255f).ToArray();
        using var data = Bytes(checker, 28, 28);
        using var resized = ImageTransforms.Resize(data, 64);
        Assert.Equal(new long[] { 1, 1, 64, 64 }, resized.Images.shape);
        Assert.True(resized.Images.min().item<float>() >= 0 && resized.Images.max().item<float>() <= 255);

        using var flat = Bytes(Enumerable.Repeat(100f, 28 * 28).ToArray(), 28, 28);
        using var flatResized = ImageTransforms.Resize(flat, 64);
        Assert.True((flatResized.Images - 100).abs().max().item<float>() < 1e-3);
    }

    [Fact]
    public void TakeFirst_keeps_the_first_images_and_their_labels()
    {
        using var data = new LabeledImages(arange(5f).reshape(5, 1, 1, 1), [10, 11, 12, 13, 14], [], "t", PixelRange.Bytes);
        using var first = ImageTransforms.TakeFirst(data, 2);
        Assert.Equal([0f, 1f], first.Images.data<float>().ToArray());
        Assert.Equal([10L, 11L], first.Labels);
    }
}
