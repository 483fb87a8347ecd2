using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>Loads an MNIST-layout data set (images and labels in IDX files, plain or gzip) as byte-valued images.</summary>
internal static class IdxDataset
{
    private static readonly string[] Compressions = ["", ".gz"];

    /// <summary>The split whose files to read.</summary>
    public enum Split
    {
        /// <summary>train-images-idx3-ubyte / train-labels-idx1-ubyte.</summary>
        Train,
        /// <summary>t10k-images-idx3-ubyte / t10k-labels-idx1-ubyte.</summary>
        Test,
    }

    /// <summary>Finds the images file of <paramref name="split"/> in <paramref name="folder"/>, or null.</summary>
    public static string? FindImagesFile(string folder, Split split) => FindFile(folder, split == Split.Train ? "train" : "t10k", "images-idx3-ubyte");

    /// <summary>Loads a split from a folder holding the IDX files, or from the images file itself (labels are then looked up beside it).</summary>
    public static LabeledImages Load(string path, Split split, string[] classNames)
    {
        var imagesPath = Directory.Exists(path)
            ? FindImagesFile(path, split) ?? throw new InvalidInputException(
                $"{path}: no {(split == Split.Train ? "train" : "t10k")}-images-idx3-ubyte[.gz] in this folder")
            : path;
        var images = IdxFile.Read(imagesPath);
        if (images.Dimensions.Length != 3)
            throw new InvalidInputException($"{imagesPath}: expected a 3-dimensional image array (count x rows x columns), found {images.Dimensions.Length} dimensions");
        var (count, rows, columns) = (images.Dimensions[0], images.Dimensions[1], images.Dimensions[2]);

        var labels = Array.Empty<long>();
        var labelsPath = LabelsFileBeside(imagesPath);
        if (labelsPath is not null)
        {
            var labelFile = IdxFile.Read(labelsPath);
            if (labelFile.Dimensions.Length != 1 || labelFile.Dimensions[0] != count)
                throw new InvalidInputException($"{labelsPath}: expected {count} labels to match {Path.GetFileName(imagesPath)}, found shape {string.Join("x", labelFile.Dimensions)}");
            labels = [.. labelFile.Values.Select(v => (long)v)];
            if (labels.Length > 0 && classNames.Length > 0 && labels.Max() >= classNames.Length)
                throw new InvalidInputException($"{labelsPath}: label {labels.Max()} is beyond the {classNames.Length} classes of this data set (0 to {classNames.Length - 1})");
        }

        var pixels = tensor(images.Values, ScalarType.Byte).reshape(count, 1, rows, columns).to(ScalarType.Float32);
        // Without a labels file the images have no classes, whatever the data set's would be.
        return new LabeledImages(pixels, labels, labels.Length > 0 ? classNames : [], imagesPath, PixelRange.Bytes);
    }

    private static string? LabelsFileBeside(string imagesPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(imagesPath))!;
        var name = Path.GetFileName(imagesPath);
        var labelsName = name.Replace("images-idx3", "labels-idx1", StringComparison.Ordinal).Replace("images.idx3", "labels.idx1", StringComparison.Ordinal);
        if (labelsName == name)
            return null;
        var candidate = Path.Combine(folder, labelsName);
        if (File.Exists(candidate))
            return candidate;
        var alternate = candidate.EndsWith(".gz", StringComparison.Ordinal) ? candidate[..^3] : candidate + ".gz";
        return File.Exists(alternate) ? alternate : null;
    }

    private static string? FindFile(string folder, string prefix, string stem)
    {
        // The original distribution uses "train-images-idx3-ubyte"; some mirrors use "train-images.idx3-ubyte".
        foreach (var separator in new[] { "-", "." })
        {
            foreach (var compression in Compressions)
            {
                var candidate = Path.Combine(folder, prefix + "-" + stem.Replace("-idx", separator + "idx", StringComparison.Ordinal) + compression);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
