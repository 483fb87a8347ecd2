using System.Diagnostics;
using System.Text.RegularExpressions;
using Adversa.Imaging;
using Adversa.Tests.Cli;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;
using SkiaSharp;

namespace Adversa.Tests.Imaging;

/// <summary>A test that needs headless Chromium: skipped where it is not installed (.ci/run installs Debian's chromium).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (ReportTests.Chromium is null)
            Skip = "chromium is not installed (apt-get install chromium)";
    }
}

public sealed partial class ReportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static string? Chromium { get; } = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    private string TrainTinyShapes(int epochs)
    {
        var run = _temp.File("run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(epochs)]);
        Assert.True(code == 0, error);
        return run;
    }

    [Theory]
    [InlineData(200, 200, new[] { 1, 2, 4, 10, 50, 100, 200 })]
    [InlineData(40, 40, new[] { 1, 2, 4, 20, 40 })]
    [InlineData(3, 10, new[] { 1, 3 })]
    [InlineData(1, 1, new[] { 1 })]
    public void The_grids_shown_are_seed_004s_epochs_or_the_same_fractions_of_a_shorter_run(int completed, int planned, int[] expected) =>
        Assert.Equal(expected, RunReport.ChosenEpochs(completed, planned));

    [Fact]
    public void Every_epoch_rebuilds_a_self_contained_report_and_the_command_rebuilds_it_too()
    {
        var run = TrainTinyShapes(2);
        var layout = new RunLayout(run);
        var html = File.ReadAllText(layout.ReportPath);
        foreach (var heading in new[] { "Losses", "Samples", "Latest grid", "Timing", "Configuration", "Environment" })
            Assert.Contains($">{heading}</h", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        var images = ImageSources().Matches(html);
        Assert.Equal(5, images.Count); // losses, critic terms, grids of epochs 1 and 2, the latest grid
        Assert.All(images, m => Assert.NotNull(SKBitmap.Decode(Convert.FromBase64String(m.Groups[1].Value))));
        Assert.Equal(2, EpochTimes.Read(layout.EpochsCsvPath).Count);

        File.Delete(layout.ReportPath);
        var (code, output, error) = CliRunner.Run("report", run);
        Assert.True(code == 0, error);
        Assert.Contains("report.html", output);
        Assert.True(File.Exists(layout.ReportPath));
        var (bad, _, badError) = CliRunner.Run("report", _temp.File("nothing"));
        Assert.Equal(2, bad);
        Assert.Contains("not a run directory", badError);
    }

    [Fact]
    public void A_som_run_gets_a_report_with_its_quality_curve_and_map_pictures()
    {
        var run = _temp.File("som");
        var (code, _, error) = CliRunner.Run(["som", "train", "som-shapes", "--out", run, .. SomCommandTests.TinyShapes]);
        Assert.True(code == 0, error);
        var report = Path.Combine(run, "report.html");
        var html = File.ReadAllText(report);
        foreach (var caption in new[] { "quantization error (left)", "unit weights", "U-matrix", "hits per unit", "majority label per unit", "component planes" })
            Assert.Contains($"<figcaption>{caption}", html);
        Assert.Contains("quantization_error", html);
        var images = ImageSources().Matches(html);
        Assert.Equal(6, images.Count);
        Assert.All(images, m => Assert.NotNull(SKBitmap.Decode(Convert.FromBase64String(m.Groups[1].Value))));

        File.Delete(report);
        Assert.Equal(0, CliRunner.Run("report", run).ExitCode);
        Assert.True(File.Exists(report));
    }

    [BrowserFact]
    public void Chromium_loads_the_report_decodes_every_image_and_renders_a_non_blank_page()
    {
        var run = TrainTinyShapes(2);
        var report = new RunLayout(run).ReportPath;
        var imageCount = ImageSources().Matches(File.ReadAllText(report)).Count;
        var dom = RunChromium("--dump-dom", new Uri(Path.GetFullPath(report)).AbsoluteUri);
        Assert.Contains($"data-images-decoded=\"{imageCount}/{imageCount}\"", dom);

        var screenshot = _temp.File("page.png");
        RunChromium($"--screenshot={screenshot}", "--window-size=1200,1600", new Uri(Path.GetFullPath(report)).AbsoluteUri);
        using var page = SKBitmap.Decode(screenshot);
        Assert.Equal((1200, 1600), (page.Width, page.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < page.Height; y += 8)
            for (var x = 0; x < page.Width; x += 8)
                colours.Add(page.GetPixel(x, y));
        Assert.True(colours.Count > 50, $"only {colours.Count} colours on the page: blank?");
    }

    private static string RunChromium(params string[] arguments)
    {
        var start = new ProcessStartInfo(Chromium!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=5000" }.Concat(arguments))
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish in two minutes");
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    [GeneratedRegex("src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex ImageSources();

    public void Dispose() => _temp.Dispose();
}
