using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>The preprocessing the seeds apply: scaling to [-1, 1], bicubic resizing, keeping the first N images.</summary>
public static class ImageTransforms
{
    /// <summary>Maps byte values 0..255 to [-1, 1] (x / 127.5 - 1); data already in [-1, 1] is returned as a copy.</summary>
    public static LabeledImages ToSymmetricRange(LabeledImages data)
    {
        // The scope keeps the whole-set intermediate alive (and frees it) while the second operation reads it.
        using var scope = NewDisposeScope();
        var scaled = data.Range == PixelRange.Bytes ? data.Images / 127.5 - 1.0 : data.Images.clone();
        return new LabeledImages(scaled.MoveToOuterDisposeScope(), data.Labels, data.ClassNames, data.Source, PixelRange.Symmetric);
    }

    /// <summary>Resizes to <paramref name="size"/> x <paramref name="size"/> with bicubic interpolation (as the seed's tf.image.resize), clamping the overshoot bicubic produces back into range.</summary>
    public static LabeledImages Resize(LabeledImages data, int size)
    {
        if (data.Height == size && data.Width == size)
            return new LabeledImages(data.Images.clone(), data.Labels, data.ClassNames, data.Source, data.Range);
        using var scope = NewDisposeScope();
        var resized = nn.functional.interpolate(data.Images, [size, size], mode: InterpolationMode.Bicubic, align_corners: false);
        var (low, high) = data.Range == PixelRange.Bytes ? (0.0, 255.0) : (-1.0, 1.0);
        var result = resized.clamp(low, high).MoveToOuterDisposeScope();
        return new LabeledImages(result, data.Labels, data.ClassNames, data.Source, data.Range);
    }

    /// <summary>Images as a model of <paramref name="size"/> x <paramref name="size"/> pixels sees them: resized (bicubic), then scaled to [-1, 1]; labels kept.</summary>
    public static LabeledImages ForModel(LabeledImages data, int size)
    {
        using var resized = Resize(data, size);
        return ToSymmetricRange(resized);
    }

    /// <summary>Keeps the first <paramref name="count"/> images (seed 000 trains on the first 5,000 Fashion-MNIST images); 0 keeps all.</summary>
    public static LabeledImages TakeFirst(LabeledImages data, int count)
    {
        if (count <= 0 || count >= data.Count)
            return new LabeledImages(data.Images.clone(), data.Labels, data.ClassNames, data.Source, data.Range);
        var labels = data.Labels.Length == 0 ? [] : data.Labels[..count];
        using var first = data.Images[..count];
        return new LabeledImages(first.clone(), labels, data.ClassNames, data.Source, data.Range);
    }
}
