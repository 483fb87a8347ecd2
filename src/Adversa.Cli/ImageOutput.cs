using Adversa.Imaging;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Cli;

/// <summary>Where <c>sample</c> and <c>datasets show</c> put images: one grid for a path ending in .png, else one PNG per image in a folder.</summary>
public static class ImageOutput
{
    /// <summary>Checks <paramref name="target"/> (the <c>--out</c> option) before any work; true for one grid.</summary>
    public static bool Check(string target)
    {
        var oneGrid = IsGrid(target);
        if (oneGrid)
            OutputPath.CheckFile(target, "out");
        else
            OutputPath.CheckDirectory(target, "out");
        return oneGrid;
    }

    /// <summary>Writes <paramref name="images"/> (N x C x H x W in [-1, 1]) to <paramref name="target"/> (checked by <see cref="Check"/> before the work), the folder's files named <paramref name="prefix"/>_NNNN.png; returns what was written.</summary>
    public static string Write(Tensor images, string target, string prefix)
    {
        if (IsGrid(target))
        {
            AtomicFile.WriteAllBytes(target, ImageGrid.ToPng(images));
            return $"wrote a grid of {images.shape[0]} images to {target}";
        }
        Directory.CreateDirectory(target);
        for (var i = 0; i < images.shape[0]; i++)
            AtomicFile.WriteAllBytes(Path.Combine(target, $"{prefix}_{i + 1:D4}.png"), ImageGrid.ToPng(images[i..(i + 1)], columns: 1, padding: 0));
        return $"wrote {images.shape[0]} images to {target}";
    }

    private static bool IsGrid(string target) => target.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
}
