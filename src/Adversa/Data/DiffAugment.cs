using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>The transformations of differentiable augmentation (Zhao et al. 2020, DiffAugment).</summary>
[Flags]
public enum AugmentationPolicy
{
    /// <summary>No augmentation.</summary>
    None = 0,
    /// <summary>Random brightness, saturation and contrast per image.</summary>
    Color = 1,
    /// <summary>A random shift of up to an eighth of the side per image, zeros shifted in.</summary>
    Translation = 2,
    /// <summary>A random square of half the side per image set to zero.</summary>
    Cutout = 4,
}

/// <summary>
/// Differentiable augmentation (Zhao et al. 2020): the same random transformations applied to real and generated
/// images before every critic evaluation, in both players' steps, built from differentiable tensor operations so the
/// generator learns through them. The critic then cannot memorise a small training set (seed 000's 400 faces), while
/// the generator still learns the un-augmented distribution. Random numbers come from libtorch's generator, so a run
/// stays reproducible from its seed. The operations follow the paper's reference code (images in [-1, 1]).
/// </summary>
public static class DiffAugment
{
    /// <summary>The largest shift, as a fraction of the side (the paper's 1/8).</summary>
    public const double TranslationRatio = 0.125;

    /// <summary>The side of the cut-out square, as a fraction of the image's (the paper's 1/2).</summary>
    public const double CutoutRatio = 0.5;

    /// <summary><paramref name="images"/> (N x C x H x W) through the transformations of <paramref name="policy"/>, in the paper's order: colour, translation, cutout.</summary>
    public static Tensor Apply(Tensor images, AugmentationPolicy policy)
    {
        if (policy == AugmentationPolicy.None)
            return images.alias();
        using var scope = NewDisposeScope();
        var x = images;
        if (policy.HasFlag(AugmentationPolicy.Color))
            x = Color(x);
        if (policy.HasFlag(AugmentationPolicy.Translation))
            x = Translate(x, RandomShifts(x, TranslationRatio));
        if (policy.HasFlag(AugmentationPolicy.Cutout))
            x = Cutout(x, RandomCorners(x, CutoutRatio), CutoutSide(x, CutoutRatio));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Brightness (+ U(-0.5, 0.5)), saturation (x U(0, 2) around the channel mean) and contrast (x U(0.5, 1.5) around the image mean), each drawn per image.</summary>
    public static Tensor Color(Tensor x)
    {
        var n = x.shape[0];
        x = x + (rand(n, 1, 1, 1, x.dtype, x.device) - 0.5);
        var channelMean = x.mean([1], keepdim: true);
        x = (x - channelMean) * (rand(n, 1, 1, 1, x.dtype, x.device) * 2) + channelMean;
        var imageMean = x.mean([1, 2, 3], keepdim: true);
        return (x - imageMean) * (rand(n, 1, 1, 1, x.dtype, x.device) + 0.5) + imageMean;
    }

    /// <summary>
    /// Each image shifted by its row of <paramref name="shifts"/> (N x 2: down, right, in pixels; may be negative), zeros
    /// shifted in. Gathering from a zero-padded copy keeps it exact and differentiable.
    /// </summary>
    public static Tensor Translate(Tensor x, Tensor shifts)
    {
        var (n, h, w) = (x.shape[0], x.shape[2], x.shape[3]);
        var pad = Math.Max(h, w);
        var padded = nn.functional.pad(x, [pad, pad, pad, pad]);
        // Output pixel (i, j) of image b reads padded pixel (i - dy_b + pad, j - dx_b + pad).
        var rows = arange(h, device: x.device).view(1, h, 1) - shifts[.., 0].view(n, 1, 1) + pad;
        var columns = arange(w, device: x.device).view(1, 1, w) - shifts[.., 1].view(n, 1, 1) + pad;
        var flat = (rows * padded.shape[3] + columns).view(n, 1, h * w).expand(n, x.shape[1], h * w);
        return padded.flatten(2).gather(2, flat).view(x.shape);
    }

    /// <summary>Each image with the square of side <paramref name="side"/> whose top-left corner is its row of <paramref name="corners"/> (N x 2: row, column; may reach past the border) set to zero.</summary>
    public static Tensor Cutout(Tensor x, Tensor corners, long side)
    {
        var (n, h, w) = (x.shape[0], x.shape[2], x.shape[3]);
        var rows = arange(h, device: x.device).view(1, h, 1);
        var columns = arange(w, device: x.device).view(1, 1, w);
        var top = corners[.., 0].view(n, 1, 1);
        var left = corners[.., 1].view(n, 1, 1);
        var inside = (rows >= top).logical_and(rows < top + side).logical_and(columns >= left).logical_and(columns < left + side);
        return x * inside.logical_not().unsqueeze(1).to(x.dtype);
    }

    // Shifts drawn uniformly from [-r*side, r*side] per image and axis, as the paper's code draws them.
    private static Tensor RandomShifts(Tensor x, double ratio)
    {
        var most = (long)(x.shape[2] * ratio + 0.5);
        return randint(-most, most + 1, [x.shape[0], 2], device: x.device);
    }

    private static long CutoutSide(Tensor x, double ratio) => (long)(x.shape[2] * ratio + 0.5);

    // The paper draws the square's centre anywhere a square of that side fits when centred at the border's reach.
    private static Tensor RandomCorners(Tensor x, double ratio)
    {
        var side = CutoutSide(x, ratio);
        return randint(0, x.shape[2] + (1 - side % 2), [x.shape[0], 2], device: x.device) - side / 2;
    }
}
