using Adversa.Runtime;
using SkiaSharp;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>Any folder of PNG or JPEG images, grey or colour, each resized to a square of the model's size; images in sub-folders are labelled by the sub-folder's name.</summary>
internal static class ImageFolderDataset
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg"];

    /// <summary>The image files under <paramref name="folder"/>, in a stable order.</summary>
    public static IReadOnlyList<string> ImageFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)];

    /// <summary>Loads every image as <paramref name="channels"/> channels (1 grey, 3 RGB) of <paramref name="size"/> x <paramref name="size"/> byte values.</summary>
    public static LabeledImages Load(string folder, int channels, int size)
    {
        var files = ImageFiles(folder);
        if (files.Count == 0)
            throw new InvalidInputException($"{folder}: no .png, .jpg or .jpeg images");
        var classNames = files.Select(f => RelativeClass(folder, f)).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal).ToArray();
        var pixels = new byte[files.Count * channels * size * size];
        var labels = new long[classNames.Length > 0 ? files.Count : 0];
        for (var n = 0; n < files.Count; n++)
        {
            DecodeInto(files[n], channels, size, pixels.AsSpan(n * channels * size * size, channels * size * size));
            if (labels.Length > 0)
                labels[n] = Array.IndexOf(classNames, RelativeClass(folder, files[n]));
        }
        var images = tensor(pixels, ScalarType.Byte).reshape(files.Count, channels, size, size).to(ScalarType.Float32);
        return new LabeledImages(images, labels, classNames!, folder, PixelRange.Bytes);
    }

    private static string? RelativeClass(string folder, string file)
    {
        var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!);
        return relative == "." ? null : relative.Split(Path.DirectorySeparatorChar)[0];
    }

    private static void DecodeInto(string file, int channels, int size, Span<byte> target)
    {
        using var decoded = SKBitmap.Decode(file) ?? throw new InvalidInputException($"{file}: not a readable PNG or JPEG image");
        using var resized = decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidInputException($"{file}: could not be resized to {size}x{size}");
        var rgba = resized.Bytes;
        var plane = size * size;
        for (var i = 0; i < plane; i++)
        {
            var (red, green, blue) = (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]);
            if (channels == 1)
            {
                // ITU-R BT.601 luma, as PIL's convert("L").
                target[i] = (byte)Math.Round(0.299 * red + 0.587 * green + 0.114 * blue);
            }
            else
            {
                target[i] = red;
                target[plane + i] = green;
                target[2 * plane + i] = blue;
            }
        }
    }
}
