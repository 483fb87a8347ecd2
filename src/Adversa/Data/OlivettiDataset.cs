using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>
/// The Olivetti faces (40 people x 10 images) at 64 x 64, as seed 000 reads them through scikit-learn: its
/// olivetti_faces.npy (400 x 64 x 64, values 0..1), or the AT&amp;T folders s1 ... s40 of 1.pgm ... 10.pgm (92 x 112),
/// cropped to their centred square and resized (bicubic) to 64 x 64 as scikit-learn's copy was made from them.
/// </summary>
internal static class OlivettiDataset
{
    /// <summary>The scikit-learn file name.</summary>
    public const string NpyFileName = "olivetti_faces.npy";

    /// <summary>True when <paramref name="path"/> is an Olivetti .npy file or a folder in either layout.</summary>
    public static bool IsOlivetti(string path) =>
        (File.Exists(path) && path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)) ||
        (Directory.Exists(path) && (File.Exists(Path.Combine(path, NpyFileName)) || Directory.Exists(Path.Combine(path, "s1"))));

    /// <summary>Loads the faces as byte-valued grey images, labelled by person (0 to 39).</summary>
    public static LabeledImages Load(string path)
    {
        if (Directory.Exists(path) && File.Exists(Path.Combine(path, NpyFileName)))
            return LoadNpy(Path.Combine(path, NpyFileName));
        return Directory.Exists(path) ? LoadPgmFolders(path) : LoadNpy(path);
    }

    private static LabeledImages LoadNpy(string path)
    {
        var array = NpyArray.Read(path);
        if (array.Shape.Length != 3)
            throw new InvalidInputException($"{path}: expected faces as count x height x width, found shape ({string.Join(", ", array.Shape)})");
        var (count, height, width) = (array.Shape[0], array.Shape[1], array.Shape[2]);
        // scikit-learn orders the faces person by person, ten each.
        var labels = Enumerable.Range(0, count).Select(i => (long)(i / 10)).ToArray();
        var images = (tensor(array.Values).reshape(count, 1, height, width) * 255).clamp(0, 255);
        return new LabeledImages(images, labels, PersonNames(), path, PixelRange.Bytes);
    }

    private static LabeledImages LoadPgmFolders(string folder)
    {
        var people = Directory.GetDirectories(folder, "s*")
            .Select(d => (Path: d, Number: int.TryParse(Path.GetFileName(d)[1..], out var n) ? n : -1))
            .Where(p => p.Number > 0).OrderBy(p => p.Number).ToList();
        if (people.Count == 0)
            throw new InvalidInputException($"{folder}: no s1 ... s40 folders of PGM faces");
        var faces = new List<PgmImage>();
        var labels = new List<long>();
        foreach (var (personFolder, number) in people)
        {
            var files = Directory.GetFiles(personFolder, "*.pgm")
                .OrderBy(f => int.TryParse(Path.GetFileNameWithoutExtension(f), out var n) ? n : int.MaxValue).ToList();
            foreach (var file in files)
            {
                var face = PgmImage.Read(file);
                if (faces.Count > 0 && (face.Width != faces[0].Width || face.Height != faces[0].Height))
                    throw new InvalidInputException($"{file}: {face.Width}x{face.Height} differs from the other faces' {faces[0].Width}x{faces[0].Height}");
                faces.Add(face);
                labels.Add(number - 1);
            }
        }
        if (faces.Count == 0)
            throw new InvalidInputException($"{folder}: the s1 ... folders hold no .pgm files");
        var pixels = faces.SelectMany(f => f.Pixels).ToArray();
        using var images = tensor(pixels, ScalarType.Byte).reshape(faces.Count, 1, faces[0].Height, faces[0].Width).to(ScalarType.Float32);
        using var square = new LabeledImages(CentredSquare(images), [.. labels], PersonNames(), folder, PixelRange.Bytes);
        return ImageTransforms.Resize(square, Side);
    }

    /// <summary>The side of scikit-learn's faces.</summary>
    public const int Side = 64;

    // Samuel Roweis's 64 x 64 faces, which scikit-learn serves, were cropped from the 92 x 112 originals and
    // downsampled: the centred square here, then bicubic resizing (the crop keeps the faces' proportions).
    private static Tensor CentredSquare(Tensor images)
    {
        var (height, width) = (images.shape[2], images.shape[3]);
        var side = Math.Min(height, width);
        return images.narrow(2, (height - side) / 2, side).narrow(3, (width - side) / 2, side);
    }

    private static string[] PersonNames() => [.. Enumerable.Range(1, 40).Select(n => $"s{n}")];
}
