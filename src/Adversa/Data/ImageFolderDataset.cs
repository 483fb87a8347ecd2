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

    /// <summary>
    /// Loads every image as <paramref name="channels"/> channels (1 grey, 3 RGB) of <paramref name="size"/> x
    /// <paramref name="size"/> byte values. A truncated or damaged file is an error naming it, or, with
    /// <paramref name="skipUnreadable"/>, left out and listed in <see cref="LabeledImages.Skipped"/>.
    /// </summary>
    public static LabeledImages Load(string folder, int channels, int size, bool skipUnreadable = false)
    {
        var files = ImageFiles(folder);
        if (files.Count == 0)
            throw new InvalidInputException($"{folder}: no .png, .jpg or .jpeg images");
        var classNames = files.Select(f => RelativeClass(folder, f)).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal).ToArray();
        var imageBytes = channels * size * size;
        var pixels = new List<byte>(files.Count * imageBytes);
        var labels = new List<long>(files.Count);
        var skipped = new List<string>();
        var one = new byte[imageBytes];
        foreach (var file in files)
        {
            try
            {
                DecodeInto(file, channels, size, one);
            }
            catch (InvalidInputException unreadable) when (skipUnreadable)
            {
                skipped.Add(unreadable.Message);
                continue;
            }
            pixels.AddRange(one);
            if (classNames.Length > 0)
                labels.Add(Array.IndexOf(classNames, RelativeClass(folder, file)));
        }
        if (labels.Count == 0 && pixels.Count == 0)
            throw new InvalidInputException($"{folder}: none of its {files.Count} images is readable ({skipped[0]})");
        var count = pixels.Count / imageBytes;
        var images = tensor(pixels.ToArray(), ScalarType.Byte).reshape(count, channels, size, size).to(ScalarType.Float32);
        return new LabeledImages(images, [.. labels], classNames!, folder, PixelRange.Bytes) { Skipped = skipped };
    }

    private static string? RelativeClass(string folder, string file)
    {
        var relative = Path.GetRelativePath(folder, Path.GetDirectoryName(file)!);
        return relative == "." ? null : relative.Split(Path.DirectorySeparatorChar)[0];
    }

    // Larger images are refused before decoding: a damaged header can claim gigapixels.
    private const long MostPixels = 100_000_000;

    private static void DecodeInto(string file, int channels, int size, Span<byte> target)
    {
        using var codec = SKCodec.Create(file, out var opened) ?? throw new InvalidInputException($"{file}: not a readable PNG or JPEG image ({opened})");
        if ((long)codec.Info.Width * codec.Info.Height > MostPixels)
            throw new InvalidInputException($"{file}: {codec.Info.Width}x{codec.Info.Height} pixels is beyond what an image folder may hold ({MostPixels:N0})");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        // SKBitmap.Decode would hand back a truncated file's first rows as a whole image; the codec says what happened.
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
            throw new InvalidInputException($"{file}: {(result == SKCodecResult.IncompleteInput ? "truncated" : "damaged")} image ({result})");
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
