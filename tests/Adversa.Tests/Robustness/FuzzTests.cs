using Adversa.Tests.Cli;
using Adversa.Tests.Data;
using Adversa.Tests.Training;
using SkiaSharp;

namespace Adversa.Tests.Robustness;

/// <summary>
/// Every reader the command line has, fed seeded random damage to a valid file through the command that reads it: each
/// run must end with exit 0 or with exit 2 and one line naming the trouble, never a crash, a backtrace or exit 1.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const int MutationsPerReader = 40;
    private readonly TempDirectory _temp = new();

    // A valid file, where it goes, and the command that reads it.
    private sealed record Reader(string Name, byte[] Valid, string FileName, Func<string, string[]> Command);

    private static readonly string[] TinySom = ["--set", "epochs=1", "--set", "convergence_epochs=0", "--set", "rows=2", "--set", "columns=2", "--set", "image_size=8"];

    private IEnumerable<Reader> Readers()
    {
        var work = _temp.Path;
        yield return new("IDX images", IdxFileTests.Idx([6, 8, 8], [.. Enumerable.Range(0, 384).Select(i => (byte)i)]), "idx/train-images-idx3-ubyte",
            path => ["som", "train", "som-shapes", "--data", Path.GetDirectoryName(path)!, "--out", Fresh(), .. TinySom, "--set", "image_channels=1"]);
        yield return new("IDX labels", IdxFileTests.Idx([6], [0, 1, 2, 3, 4, 5]), "idxl/train-labels-idx1-ubyte",
            path => ["som", "train", "som-shapes", "--data", WithImagesBeside(path), "--out", Fresh(), .. TinySom, "--set", "image_channels=1"]);
        yield return new("npm digits JSON", System.Text.Encoding.UTF8.GetBytes("{ \"data\": [" + string.Join(',', Enumerable.Repeat("0.5", 784)) + "] }"), "npm/digits/3.json",
            path => ["som", "train", "som-shapes", "--data", WithOtherDigits(path), "--out", Fresh(), .. TinySom, "--set", "image_channels=1"]);
        yield return new("Olivetti .npy", Npy(), "npy/olivetti_faces.npy",
            path => ["som", "train", "som-shapes", "--data", path, "--out", Fresh(), .. TinySom, "--set", "image_channels=1"]);
        yield return new("AT&T PGM", Pgm(), "pgm/s1/1.pgm",
            path => ["som", "train", "som-shapes", "--data", Path.GetDirectoryName(Path.GetDirectoryName(path))!, "--out", Fresh(), .. TinySom, "--set", "image_channels=1"]);
        yield return new("PNG in a folder", Png(), "png/a.png",
            path => ["som", "train", "som-shapes", "--data", Path.GetDirectoryName(path)!, "--out", Fresh(), .. TinySom]);
        yield return new("configuration JSON", System.Text.Encoding.UTF8.GetBytes("{ \"batch_size\": 4, \"critic_norm\": \"layer\", \"gp_weight\": 10 }"), "config.json",
            path => ["train", "wgan-gp-shapes", "--config", path, "--out", Fresh(), .. TinyRuns.ShapesArguments(1, 1)]);
        yield return new("scores CSV", System.Text.Encoding.UTF8.GetBytes("image,label,class,score\n0,0,a,1.5\n1,0,a,1.0\n2,1,b,-2\n3,1,b,-1\n"), "scores.csv",
            path => ["score-report", path, "--out", Fresh()]);
    }

    private string Fresh() => Path.Combine(_temp.Path, "out", Guid.NewGuid().ToString("N"));

    private static string WithImagesBeside(string labelsPath)
    {
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(labelsPath)!, "train-images-idx3-ubyte"), IdxFileTests.Idx([6, 8, 8], new byte[384]));
        return Path.GetDirectoryName(labelsPath)!;
    }

    private static string WithOtherDigits(string mutated)
    {
        var folder = Path.GetDirectoryName(mutated)!;
        for (var d = 0; d < 10; d++)
            if (d != 3)
                File.WriteAllText(Path.Combine(folder, $"{d}.json"), "{ \"data\": [" + string.Join(',', Enumerable.Repeat("0.25", 784)) + "] }");
        return Path.GetDirectoryName(folder)!;
    }

    private byte[] Npy()
    {
        var path = Path.Combine(_temp.Path, "template.npy");
        DataFiles.Npy(path, "<f4", [10, 8, 8], DataFiles.Floats(Enumerable.Range(0, 640).Select(i => i % 7 / 7f)));
        return File.ReadAllBytes(path);
    }

    private byte[] Pgm()
    {
        var path = Path.Combine(_temp.Path, "template.pgm");
        DataFiles.Pgm(path, 8, 8, [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 3))]);
        return File.ReadAllBytes(path);
    }

    private byte[] Png()
    {
        var path = Path.Combine(_temp.Path, "template.png");
        using var bitmap = new SKBitmap(12, 12);
        for (var y = 0; y < 12; y++)
            for (var x = 0; x < 12; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 20), (byte)(y * 20), 90));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    // The files of finished runs (a GAN's checkpoint, config.json, losses.csv and statistics; a map), damaged in copies of the runs.
    private IEnumerable<Reader> RunReaders()
    {
        var gan = Path.Combine(_temp.Path, "gan");
        Assert.Equal(0, CliRunner.Run(["train", "wgan-gp-shapes", "--out", gan, .. TinyRuns.ShapesArguments(1, 2)]).ExitCode);
        var stats = Path.Combine(_temp.Path, "stats.npz");
        Assert.Equal(0, CliRunner.Run("evaluate", gan, "--samples", "300", "--metrics", "fid", "--save-stats", stats).ExitCode);
        var som = Path.Combine(_temp.Path, "som");
        Assert.Equal(0, CliRunner.Run(["som", "train", "som-shapes", "--out", som, .. TinySom]).ExitCode);

        string CopyOf(string run, string mutatedPath, string relative)
        {
            var copy = Path.GetDirectoryName(mutatedPath)!;
            foreach (var file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(run, file));
                if (Path.GetRelativePath(run, file) == relative)
                    continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
            return copy;
        }
        yield return new("checkpoint", File.ReadAllBytes(Path.Combine(gan, "checkpoints", "last.ckpt")), "gan/checkpoints/last.ckpt",
            path => ["sample", CopyOf(gan, Path.GetDirectoryName(path)!, "checkpoints/last.ckpt"), "--count", "2", "--out", Fresh() + ".png"]);
        yield return new("run config.json", File.ReadAllBytes(Path.Combine(gan, "config.json")), "gan/config.json",
            path => ["report", CopyOf(gan, path, "config.json")]);
        yield return new("losses.csv", File.ReadAllBytes(Path.Combine(gan, "losses.csv")), "gan/losses.csv",
            path => ["report", CopyOf(gan, path, "losses.csv")]);
        yield return new("FID statistics .npz", File.ReadAllBytes(stats), "stats.npz", path => ["fid", path, stats]);
        yield return new("map.som", File.ReadAllBytes(Path.Combine(som, "map.som")), "som/map.som",
            path => ["som", "map", CopyOf(som, path, "map.som"), "--data", "shapes-test", "--out", Fresh() + ".csv"]);
        yield return new("SOM metrics.json", File.ReadAllBytes(Path.Combine(som, "metrics.json")), "som/metrics.json",
            path => ["report", CopyOf(som, path, "metrics.json")]);
    }

    [Fact]
    public void Damaged_run_files_are_refused_in_one_line_or_read_never_crashed_on() => Fuzz(RunReaders(), seed: 20261201);

    [Fact]
    public void Damaged_files_are_refused_in_one_line_or_read_never_crashed_on() => Fuzz(Readers(), seed: 20261130);

    private void Fuzz(IEnumerable<Reader> readers, int seed)
    {
        var random = new Random(seed);
        var tried = 0;
        var failures = new List<string>();
        foreach (var reader in readers)
        {
            for (var m = 0; m < MutationsPerReader; m++)
            {
                var kind = Mutations.Kinds[m % Mutations.Kinds.Length];
                var path = Path.Combine(_temp.Path, $"{reader.Name.Replace(' ', '-')}-{m}", reader.FileName);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, Mutations.Apply(reader.Valid, kind, random));
                var (code, _, error) = CliRunner.Run(reader.Command(path));
                tried++;
                var lines = error.TrimEnd('\n').Split('\n');
                if (!(code == 0 || (code == 2 && lines.Length == 1 && lines[0].StartsWith("adversa: ", StringComparison.Ordinal))) || error.Contains("   at "))
                    failures.Add($"{reader.Name}, {kind} #{m}: exit {code}: {error.Trim()}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} damaged files mishandled:\n{string.Join("\n", failures)}");
    }

    public void Dispose() => _temp.Dispose();
}
