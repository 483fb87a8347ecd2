using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>Where a named data set was found, or what to do to get it.</summary>
/// <param name="Name">The name <c>--data</c> takes.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Location">Where it was found (null when missing).</param>
/// <param name="Hint">How to get it when missing.</param>
public sealed record DatasetInfo(string Name, string Description, string? Location, string Hint);

/// <summary>Resolves <c>--data</c> (a data-set name or a path) to images; the synthetic shapes are built in, the rest are found on disk.</summary>
public static class DatasetCatalog
{
    /// <summary>Environment variable naming a folder that holds one sub-folder per data set (mnist/, fashion-mnist/).</summary>
    public const string DataRootVariable = "ADVERSA_DATA";

    private static readonly string[] FashionClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly string[] DigitClassNames = [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The named data sets and their status on this machine.</summary>
    public static IReadOnlyList<DatasetInfo> Describe() =>
    [
        new("shapes", "seed 003 synthetic shapes, training set: 600 RGB 64x64 images, 2 classes", "built in (generated from the run's seed)", ""),
        new("shapes-test", "seed 003 synthetic shapes, test set: 400 RGB 64x64 images, 10 classes", "built in (generated from the run's seed)", ""),
        new("mnist", "MNIST digits, IDX files: 60,000 + 10,000 grey 28x28 images", FindIdxFolder("mnist"),
            $"put train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz] in ${DataRootVariable}/mnist or ~/.adversa/data/mnist, or pass --data FOLDER"),
        new("fashion-mnist", "Fashion-MNIST, IDX files: 60,000 + 10,000 grey 28x28 images", FindIdxFolder("fashion-mnist"),
            "apt-get install dataset-fashion-mnist (Debian), or pass --data FOLDER"),
    ];

    /// <summary>Loads <paramref name="nameOrPath"/> as byte-valued images; <paramref name="seed"/> drives the synthetic shapes.</summary>
    public static LabeledImages Load(string nameOrPath, long seed)
    {
        switch (nameOrPath)
        {
            case "shapes":
                return ShapesDataset.CreateTrainingSet(seed);
            case "shapes-test":
                return ShapesDataset.CreateTestSet(seed);
            case "mnist":
            case "fashion-mnist":
                var folder = FindIdxFolder(nameOrPath) ?? throw new InvalidInputException(
                    $"--data {nameOrPath}: not found on this machine ({Describe().First(d => d.Name == nameOrPath).Hint})");
                return IdxDataset.Load(folder, IdxDataset.Split.Train, ClassNamesFor(nameOrPath));
        }
        if (Directory.Exists(nameOrPath) || File.Exists(nameOrPath))
            return IdxDataset.Load(nameOrPath, IdxDataset.Split.Train, ClassNamesFor(nameOrPath));
        throw new InvalidInputException(
            $"--data {nameOrPath}: no such data set or path (names: {string.Join(", ", Describe().Select(d => d.Name))}; or a folder of IDX files)");
    }

    private static string[] ClassNamesFor(string nameOrPath) =>
        nameOrPath.Contains("fashion", StringComparison.OrdinalIgnoreCase) ? FashionClassNames : DigitClassNames;

    private static string? FindIdxFolder(string name)
    {
        var candidates = new List<string>();
        var root = Environment.GetEnvironmentVariable(DataRootVariable);
        if (!string.IsNullOrEmpty(root))
            candidates.Add(Path.Combine(root, name));
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".adversa", "data", name));
        candidates.Add(Path.Combine("/usr/share/datasets", name));
        return candidates.FirstOrDefault(folder => Directory.Exists(folder) && IdxDataset.FindImagesFile(folder, IdxDataset.Split.Train) is not null);
    }
}
