using Adversa.Imaging;
using Adversa.Training;
using Adversa.Tests.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Samples;

/// <summary>The programs in samples/ build with the tests and run here at tiny sizes, as a user would run them.</summary>
public sealed class SampleProgramTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Run(string program, params string[] args) =>
        ChildProcess.Succeed("dotnet", [Path.Combine(AppContext.BaseDirectory, $"{program}.dll"), .. args]);

    [Fact]
    public void The_in_memory_WGAN_GP_stops_after_an_epoch_and_resumes_with_its_images()
    {
        var run = Path.Combine(_temp.Path, "discs");
        var output = Run("InMemoryWganGp", run, "--tiny");
        Assert.Contains("stopped after epoch 1", output);
        Assert.Contains("done: 8 iterations", output);
        var rows = LossLog.Read(new RunLayout(run).LossesCsvPath);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), rows.Select(r => r.Iteration));
        Assert.Equal("discs", TrainingCheckpoint.ReadRun(run).Data!.Source);
        Assert.True(File.Exists(new RunLayout(run).SampleGridPath(4)));
    }

    [Fact]
    public void A_custom_loss_trains_and_reports_its_own_scalar()
    {
        var grid = Path.Combine(_temp.Path, "custom.png");
        var output = Run("CustomLoss", grid, "--tiny");
        Assert.Matches(@"epoch 1: d_loss [\d.]+, g_loss [\d.]+, D\(real\) 0\.\d{3}", output);
        var image = PngImage.TryRead(grid);
        Assert.NotNull(image);
        Assert.Equal((2 * 30 + 2, 2 * 30 + 2), (image.Width, image.Height)); // 4 images of 28x28 with 2-pixel borders
    }

    [Fact]
    public void A_map_of_colours_writes_its_u_matrix()
    {
        var picture = Path.Combine(_temp.Path, "umatrix.png");
        var output = Run("SomOnTensor", picture, "--tiny");
        Assert.Matches(@"quantization error 0\.\d{4}, topographic error [\d.]+ ?%", output);
        Assert.NotNull(PngImage.TryRead(picture));
    }

    [Fact]
    public void OnnxGenerate_draws_a_grid_from_an_exported_generator_with_onnx_runtime_alone()
    {
        var run = _temp.File("run");
        // Two epochs: after three steps (one critic batch each) this width-2 generator still draws a nearly uniform
        // grey, 79 distinct colours in the six images; after six, 253.
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(2) with { GeneratorTanh = true }, run))
            trainer.Train();
        var model = _temp.File("generator.onnx");
        ModelExport.Export(run, model, ExportFormat.Onnx);
        var grid = _temp.File("grid.png");
        Assert.Contains("wrote", Run("OnnxGenerate", model, grid, "6", "1"));
        using var image = SkiaSharp.SKBitmap.Decode(grid);
        // Six 64x64 images in rows of three.
        Assert.Equal((3 * 64, 2 * 64), (image.Width, image.Height));
        Assert.True(image.Pixels.Distinct().Count() > 100, "the images should not be blank");
    }

    public void Dispose() => _temp.Dispose();
}
