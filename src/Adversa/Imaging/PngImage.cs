using SkiaSharp;

namespace Adversa.Imaging;

/// <summary>A decoded PNG: size and RGBA pixels, for checks and for reading users' images.</summary>
internal sealed record PngImage(int Width, int Height, byte[] Rgba)
{
    /// <summary>Decodes a PNG (or JPEG) file; null when SkiaSharp cannot decode it.</summary>
    public static PngImage? TryRead(string path)
    {
        using var decoded = SKBitmap.Decode(path);
        if (decoded is null)
            return null;
        using var rgba = decoded.Copy(SKColorType.Rgba8888);
        return new PngImage(rgba.Width, rgba.Height, rgba.Bytes);
    }

    /// <summary>The red, green and blue values at (x, y).</summary>
    public (byte Red, byte Green, byte Blue) Pixel(int x, int y)
    {
        var offset = (y * Width + x) * 4;
        return (Rgba[offset], Rgba[offset + 1], Rgba[offset + 2]);
    }
}
