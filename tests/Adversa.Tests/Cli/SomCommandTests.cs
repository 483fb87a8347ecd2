using System.Text.Json;
using Adversa.Imaging;
using Adversa.Som;

namespace Adversa.Tests.Cli;

public sealed class SomCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    internal static readonly string[] TinyShapes =
    [
        "--set", "rows=4", "--set", "columns=5", "--set", "epochs=3", "--set", "convergence_epochs=1", "--set", "max_images=60",
    ];

    [Fact]
    public void Som_train_writes_the_map_its_metrics_and_pictures_and_som_map_projects_data()
    {
        var run = Path.Combine(_temp.Path, "som");
        var (code, output, error) = CliRunner.Run(["som", "train", "som-shapes", "--out", run, .. TinyShapes]);
        Assert.True(code == 0, error);
        Assert.Contains("done: 4 epochs over 60 samples", output);

        var layout = new SomRunLayout(run);
        using (var metrics = JsonDocument.Parse(File.ReadAllText(layout.MetricsPath)))
        {
            var root = metrics.RootElement;
            Assert.InRange(root.GetProperty("quantization_error").GetDouble(), 0, 1000);
            Assert.InRange(root.GetProperty("topographic_error").GetDouble(), 0, 1);
            Assert.Equal(60, root.GetProperty("samples").GetInt32());
        }
        Assert.Equal(1 + 1 + 4, File.ReadAllLines(layout.HistoryPath).Length); // header, the start, then after each of the 4 epochs (chunks of 1)
        using (var map = SelfOrganizingMap.Load(layout.MapPath))
        {
            Assert.Equal(4, map.EpochsDone);
            Assert.Equal(64 * 64 * 3, map.InputDim);
        }
        var weights = PngImage.TryRead(layout.WeightsPath)!;
        Assert.Equal((5 * 66 + 2, 4 * 66 + 2), (weights.Width, weights.Height));
        foreach (var picture in new[] { layout.UMatrixPath, layout.HitsPath, layout.ComponentsPath, layout.LabelsPath })
            Assert.NotNull(PngImage.TryRead(picture));

        var projection = Path.Combine(_temp.Path, "projection.csv");
        (code, output, error) = CliRunner.Run("som", "map", run, "--data", "shapes-test", "--out", projection);
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(projection);
        Assert.Equal("index,label,class,unit,row,column,distance,predicted", lines[0]);
        Assert.Equal(401, lines.Length); // every test-set image, not only the 60 trained on
        Assert.Contains("the winner's label matches the sample's for", output);
        var units = File.ReadAllLines(layout.UnitsPath);
        Assert.Equal("unit,row,column,hits,umatrix,label,class", units[0]);
        Assert.Equal(21, units.Length);
        Assert.Equal(60, units.Skip(1).Sum(line => int.Parse(line.Split(',')[3])));
        var unitLabels = SomRun.ReadUnitLabels(layout)!;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var unit = int.Parse(fields[^5]);
            Assert.Equal((unit / 5, unit % 5), (int.Parse(fields[^4]), int.Parse(fields[^3])));
            Assert.Equal(unitLabels[unit], long.Parse(fields[^1]));
        }
    }

    [Fact]
    public void The_seed_preset_takes_100_random_faces_onto_an_8x8_map()
    {
        // 120 fake 64x64 faces in scikit-learn's layout (float32 in [0, 1]).
        var faces = Path.Combine(_temp.Path, "olivetti_faces.npy");
        var random = new Random(3);
        Adversa.Tests.Data.DataFiles.Npy(faces, "<f4", [120, 64, 64], Adversa.Tests.Data.DataFiles.Floats(Enumerable.Range(0, 120 * 64 * 64).Select(_ => (float)random.NextDouble())));
        var run = Path.Combine(_temp.Path, "faces");
        var (code, output, error) = CliRunner.Run("som", "train", "som-olivetti", "--data", faces, "--out", run, "--set", "epochs=2", "--set", "convergence_epochs=1");
        Assert.True(code == 0, error);
        Assert.Contains("done: 3 epochs over 100 samples", output);
        var weights = PngImage.TryRead(new SomRunLayout(run).WeightsPath)!;
        Assert.Equal((8 * 66 + 2, 8 * 66 + 2), (weights.Width, weights.Height));
        using var map = SelfOrganizingMap.Load(new SomRunLayout(run).MapPath);
        using var norms = map.Weights.norm(1);
        Assert.True(norms.allclose(TorchSharp.torch.ones(64), rtol: 1e-4, atol: 1e-5)); // seed 000 renormalises every epoch
    }

    [Theory]
    [InlineData(new[] { "som", "train", "som-nope" }, "SOM preset 'som-nope' not found")]
    [InlineData(new[] { "som", "train", "som-shapes", "--set", "rows=0" }, "adversa: rows 0: must be positive")]
    [InlineData(new[] { "som", "train", "som-shapes", "--set", "topology=square" }, "adversa: topology square: unknown value (expected one of: rectangular, hexagonal)")]
    [InlineData(new[] { "som", "train", "som-shapes", "--set", "neighbourhood=gaussian" }, "adversa: neighbourhood: unknown key (valid keys: algorithm,")]
    [InlineData(new[] { "som", "map", "/no/such/run", "--data", "shapes-test" }, "/no/such/run: run directory not found")]
    public void Bad_som_input_gives_one_line_and_exit_code_2(string[] args, string expected)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void An_existing_som_run_is_not_overwritten()
    {
        var run = Path.Combine(_temp.Path, "som");
        Assert.Equal(0, CliRunner.Run(["som", "train", "som-shapes", "--out", run, .. TinyShapes]).ExitCode);
        var before = File.ReadAllBytes(new SomRunLayout(run).MapPath);
        var (code, _, error) = CliRunner.Run(["som", "train", "som-shapes", "--out", run, .. TinyShapes]);
        Assert.Equal(2, code);
        Assert.Contains("already holds a run", error);
        Assert.Equal(before, File.ReadAllBytes(new SomRunLayout(run).MapPath));
    }

    public void Dispose() => _temp.Dispose();
}
