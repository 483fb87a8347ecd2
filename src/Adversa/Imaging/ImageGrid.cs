using SkiaSharp;
using static TorchSharp.torch;

namespace Adversa.Imaging;

/// <summary>Lays a batch of images out as one PNG grid, as torchvision's make_grid + save_image do (TorchSharp has neither).</summary>
public static class ImageGrid
{
    /// <summary>Encodes images (N x C x H x W, values in [-1, 1], C = 1 or 3) as a PNG grid with <paramref name="columns"/> columns (0: about square) and a 2-pixel white border.</summary>
    public static byte[] ToPng(Tensor images, int columns = 0, int padding = 2) => Encode(images, columns, padding).Png;

    /// <summary>As <see cref="ToPng"/>, with the grid's size in pixels.</summary>
    internal static GridImage Encode(Tensor images, int columns = 0, int padding = 2)
    {
        var rgba = ToRgbaGrid(images, columns, padding, out var width, out var height);
        // Opaque: every pixel's alpha is 255, and Skia then writes RGB, a quarter fewer bytes to filter and compress.
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return new GridImage(data.ToArray(), width, height);
    }

    /// <summary>Columns of the grid for <paramref name="count"/> images when none are asked for: ceil(sqrt(count)).</summary>
    public static int DefaultColumns(long count) => (int)Math.Ceiling(Math.Sqrt(count));

    private static byte[] ToRgbaGrid(Tensor images, int columns, int padding, out int width, out int height)
    {
        if (images.dim() != 4 || images.shape[1] is not (1 or 3))
            throw new ArgumentException($"expected N x (1 or 3) x H x W images, got shape [{string.Join(", ", images.shape)}]", nameof(images));
        var count = (int)images.shape[0];
        var (channels, imageHeight, imageWidth) = ((int)images.shape[1], (int)images.shape[2], (int)images.shape[3]);
        columns = columns > 0 ? Math.Min(columns, count) : DefaultColumns(count);
        var rows = (count + columns - 1) / columns;
        width = columns * (imageWidth + padding) + padding;
        height = rows * (imageHeight + padding) + padding;

        using var scope = NewDisposeScope();
        // [-1, 1] -> 0..255 bytes, laid out N x H x W x C on the CPU.
        var bytes = ((images.detach().cpu().to(ScalarType.Float32) + 1) * 127.5).round().clamp(0, 255)
            .to(ScalarType.Byte).permute(0, 2, 3, 1).contiguous().data<byte>().ToArray();

        var rgba = new byte[width * height * 4];
        Array.Fill(rgba, (byte)255);
        for (var n = 0; n < count; n++)
        {
            var top = padding + n / columns * (imageHeight + padding);
            var left = padding + n % columns * (imageWidth + padding);
            for (var y = 0; y < imageHeight; y++)
            {
                for (var x = 0; x < imageWidth; x++)
                {
                    var source = ((n * imageHeight + y) * imageWidth + x) * channels;
                    var target = ((top + y) * width + left + x) * 4;
                    rgba[target] = bytes[source];
                    rgba[target + 1] = bytes[source + (channels == 3 ? 1 : 0)];
                    rgba[target + 2] = bytes[source + (channels == 3 ? 2 : 0)];
                }
            }
        }
        return rgba;
    }
}

/// <summary>An encoded grid: RGB PNG bytes and the size in pixels.</summary>
internal sealed record GridImage(byte[] Png, int Width, int Height);
