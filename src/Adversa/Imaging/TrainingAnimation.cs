using ImageMagick;

namespace Adversa.Imaging;

/// <summary>
/// progress.gif: the per-epoch sample grids as an endless animation (seed 002's GIF of training).
/// SkiaSharp cannot encode GIF; Magick.NET (ImageMagick) quantises and encodes it.
/// </summary>
internal static class TrainingAnimation
{
    /// <summary>Most frames in one animation: longer runs show evenly spaced epochs, always the first and the last.</summary>
    public const int MaxFrames = 60;

    /// <summary>Display time of each frame, in hundredths of a second.</summary>
    public const uint FrameDelay = 25;

    /// <summary>The last frame stays this long before the loop restarts, in hundredths of a second.</summary>
    public const uint FinalFrameDelay = 200;

    /// <summary>Encodes the PNG files <paramref name="framePaths"/> (same size, in order) as a looping GIF.</summary>
    public static byte[] ToGif(IReadOnlyList<string> framePaths)
    {
        if (framePaths.Count == 0)
            throw new ArgumentException("an animation needs at least one frame", nameof(framePaths));
        using var frames = new MagickImageCollection();
        var chosen = EvenlySpaced(framePaths, MaxFrames);
        for (var i = 0; i < chosen.Count; i++)
        {
            var frame = new MagickImage(chosen[i]);
            frame.AnimationDelay = i == chosen.Count - 1 ? FinalFrameDelay : FrameDelay;
            frame.AnimationIterations = 0; // loop forever
            frame.GifDisposeMethod = GifDisposeMethod.None;
            frames.Add(frame);
        }
        return frames.ToByteArray(MagickFormat.Gif);
    }

    /// <summary>At most <paramref name="max"/> items, evenly spaced, keeping the first and the last.</summary>
    public static IReadOnlyList<T> EvenlySpaced<T>(IReadOnlyList<T> items, int max)
    {
        if (max < 2)
            throw new ArgumentOutOfRangeException(nameof(max), "keep at least the first and the last");
        if (items.Count <= max)
            return items;
        return [.. Enumerable.Range(0, max).Select(i => items[(int)Math.Round(i * (items.Count - 1) / (double)(max - 1))])];
    }
}
