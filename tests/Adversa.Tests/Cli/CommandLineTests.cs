using Adversa.Imaging;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Cli;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(new[] { "train", "nope" }, "adversa: preset nope: not found (available: wgan-gp-shapes")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--set", "foo=1" }, "adversa: foo: unknown key (valid keys: batch_size,")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--set", "batch_size=x" }, "adversa: --batch-size x: must be an integer")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--epochs", "0" }, "adversa: --epochs 0: must be positive")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--epochs", "many" }, "many")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--device", "tpu" }, "adversa: --device tpu: expected cpu, cuda or cuda:N")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--data", "/no/such/folder" }, "--data /no/such/folder")]
    [InlineData(new[] { "train", "wgan-gp-mnist", "--data", "/no/such/folder" }, "--data /no/such/folder")]
    [InlineData(new[] { "train", "wgan-gp-shapes", "--config", "/no/such.json" }, "adversa: --config /no/such.json: file not found")]
    [InlineData(new[] { "sample", "/no/such/run", "--count", "4", "--out", "x.png" }, "/no/such/run: run directory not found")]
    [InlineData(new[] { "interpolate", "/no/such/run", "--out", "x.png" }, "/no/such/run: run directory not found")]
    [InlineData(new[] { "interpolate", "/no/such/run", "--out", "x.png", "--mode", "cubic" }, "adversa: --mode cubic: unknown value (expected one of: linear, slerp)")]
    [InlineData(new[] { "interpolate", "/no/such/run", "--out", "x.gif" }, "--out x.gif: must name a .png file")]
    [InlineData(new[] { "bench", "--scale", "huge" }, "--scale huge")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    public void Bad_input_exits_2_with_one_line_naming_the_culprit(string[] args, string expected)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Datasets_show_writes_real_images_as_a_grid_or_one_png_each()
    {
        var grid = Path.Combine(_temp.Path, "shapes.png");
        var (code, output, error) = CliRunner.Run("datasets", "show", "shapes", "--count", "6", "--out", grid);
        Assert.True(code == 0, error);
        Assert.Contains($"shapes: 600 images of 3x64x64; wrote a grid of 6 images to {grid}", output);
        // 6 images in 3 columns and 2 rows of 64 pixels with 2-pixel borders.
        var png = Adversa.Imaging.PngImage.TryRead(grid);
        Assert.NotNull(png);
        Assert.Equal((3 * 66 + 2, 2 * 66 + 2), (png.Width, png.Height));

        var folder = Path.Combine(_temp.Path, "test-images");
        (code, _, error) = CliRunner.Run("datasets", "show", "shapes", "--test", "--count", "3", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Equal(["image_0001.png", "image_0002.png", "image_0003.png"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());

        (code, _, error) = CliRunner.Run("datasets", "show", "shapes", "--count", "0", "--out", grid);
        Assert.Equal((2, "adversa: --count 0: must be positive"), (code, error.Trim()));
    }

    [Fact]
    public void Presets_and_datasets_list_their_entries()
    {
        var (code, output, _) = CliRunner.Run("presets");
        Assert.Equal(0, code);
        Assert.All(PresetCatalog.All, p => Assert.Contains(p.Name, output));
        Assert.All(Adversa.Som.SomPresetCatalog.All, p => Assert.Contains(p.Name, output));
        (code, output, _) = CliRunner.Run("datasets");
        Assert.Equal(0, code);
        Assert.Contains("shapes-test", output);
        Assert.Contains("fashion-mnist", output);
    }

    [Fact]
    public void Train_then_sample_writes_a_grid_and_single_images()
    {
        var run = Path.Combine(_temp.Path, "run");
        var (code, output, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(epochs: 1)]);
        Assert.True(code == 0, error);
        Assert.Contains("done: 1 epochs, 3 iterations", output);
        Assert.Contains($"training wgan-gp-shapes into {run}: 1 epochs of 3 generator steps, each after 1 critic batch of 4 from shuffled passes (3 per epoch)", output);
        Assert.Matches(@"epoch 1 means:  d_loss -?[0-9.]+  g_loss -?[0-9.]+  gp [0-9.]+  wasserstein -?[0-9.]+  score_real -?[0-9.]+  score_fake -?[0-9.]+", output);

        var grid = Path.Combine(_temp.Path, "grid.png");
        (code, _, error) = CliRunner.Run("sample", run, "--count", "6", "--out", grid, "--seed", "3");
        Assert.True(code == 0, error);
        var png = PngImage.TryRead(grid)!;
        Assert.Equal((3 * 66 + 2, 2 * 66 + 2), (png.Width, png.Height)); // 6 images: 3 columns, 2 rows

        // The truncation trick draws other images from the same seed; a threshold of 0 is refused naming the option.
        var truncated = Path.Combine(_temp.Path, "truncated.png");
        (code, _, error) = CliRunner.Run("sample", run, "--count", "6", "--out", truncated, "--seed", "3", "--truncation", "0.5");
        Assert.True(code == 0, error);
        Assert.NotEqual(File.ReadAllBytes(grid), File.ReadAllBytes(truncated));
        (code, _, error) = CliRunner.Run("sample", run, "--count", "6", "--out", truncated, "--truncation", "0");
        Assert.Equal((2, "adversa: --truncation 0: must be positive (z cut to [-t, t]; about 0.5 to 2 is useful)"), (code, error.Trim()));

        var folder = Path.Combine(_temp.Path, "singles");
        (code, _, error) = CliRunner.Run("sample", run, "--count", "2", "--out", folder);
        Assert.True(code == 0, error);
        Assert.Equal(2, Directory.GetFiles(folder, "*.png").Length);
        Assert.Equal((64, 64), PngImage.TryRead(Path.Combine(folder, "sample_0001.png")) is { } single ? (single.Width, single.Height) : (0, 0));

        // Nearest training images: against the run's shapes, 3 columns (pixels, then the shapes classifier's features);
        // against a folder holding the very samples drawn with the same seed, each is its own nearest (PNG rounding aside).
        var nearest = Path.Combine(_temp.Path, "nearest.png");
        (code, output, error) = CliRunner.Run("nearest", run, "--count", "3", "--out", nearest);
        Assert.True(code == 0, error);
        Assert.Contains("its nearest of 600 training images in pixels, and in the features of", output);
        png = PngImage.TryRead(nearest)!;
        Assert.Equal((3 * 66 + 2, 3 * 66 + 2), (png.Width, png.Height));
        (code, output, error) = CliRunner.Run("nearest", run, "--count", "2", "--data", folder, "--out", nearest);
        Assert.True(code == 0, error);
        Assert.Contains("its nearest of 2 training images in pixels (no feature network suits these images", output);
        var maxDistance = double.Parse(System.Text.RegularExpressions.Regex.Match(output, @"max ([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(maxDistance, 0, 0.01);

        var walks = Path.Combine(_temp.Path, "walks.png");
        (code, output, error) = CliRunner.Run("interpolate", run, "--steps", "5", "--rows", "3", "--mode", "linear", "--out", walks);
        Assert.True(code == 0, error);
        Assert.Contains("wrote 3 walks of 5 images (linear)", output);
        png = PngImage.TryRead(walks)!;
        Assert.Equal((5 * 66 + 2, 3 * 66 + 2), (png.Width, png.Height));
        (code, _, error) = CliRunner.Run("interpolate", run, "--steps", "1", "--out", walks);
        Assert.Equal(2, code);
        Assert.Contains("--steps 1: a path needs at least 2 points", error);

        (code, _, error) = CliRunner.Run("sample", run, "--count", "2", "--out", grid, "--class", "0");
        Assert.Equal(2, code);
        Assert.Contains("--class 0: the run's generator is unconditional", error);
    }

    [Fact]
    public void A_conditional_run_samples_a_class_by_name_or_index_and_walks_between_classes()
    {
        var run = Path.Combine(_temp.Path, "run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(epochs: 1), "--set", "condition=projection"]);
        Assert.True(code == 0, error);
        var byName = Path.Combine(_temp.Path, "circles.png");
        var byIndex = Path.Combine(_temp.Path, "ones.png");
        Assert.Equal(0, CliRunner.Run("sample", run, "--count", "4", "--out", byName, "--class", "circle (0.85, -1) 0.03").ExitCode);
        Assert.Equal(0, CliRunner.Run("sample", run, "--count", "4", "--out", byIndex, "--class", "1").ExitCode);
        Assert.Equal(File.ReadAllBytes(byName), File.ReadAllBytes(byIndex));

        (code, _, error) = CliRunner.Run("sample", run, "--count", "4", "--out", byName, "--class", "2");
        Assert.Equal(2, code);
        Assert.Contains("--class 2: not a class of the run (classes: 0 square (0.7, +1) 0.03, 1 circle (0.85, -1) 0.03)", error);

        var walks = Path.Combine(_temp.Path, "walks.png");
        var (walkCode, output, walkError) = CliRunner.Run("interpolate", run, "--from", "0", "--to", "1", "--rows", "2", "--steps", "4", "--out", walks);
        Assert.True(walkCode == 0, walkError);
        Assert.Contains("wrote 2 walks of 4 images (slerp) from class 0 to class 1", output);
    }

    [Fact]
    public void A_configuration_file_and_settings_apply_in_order_and_are_frozen()
    {
        var file = _temp.File("settings.json");
        File.WriteAllText(file, """{ "gp_weight": 3, "critic_norm": "layer" }""");
        var run = Path.Combine(_temp.Path, "run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, "--config", file, .. TinyRuns.ShapesArguments(epochs: 1), "--set", "gp_weight=4"]);
        Assert.True(code == 0, error);
        var frozen = TrainingConfig.FromJson(File.ReadAllText(new RunLayout(run).ConfigPath));
        Assert.Equal((4.0, Adversa.Models.Normalization.Layer, 5L, 4), (frozen.GpWeight, frozen.CriticNorm, frozen.Seed, frozen.BatchSize));
    }

    [Fact]
    public void Resume_refuses_changes_to_the_frozen_configuration()
    {
        var run = Path.Combine(_temp.Path, "run");
        Assert.Equal(0, CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(epochs: 1)]).ExitCode);
        var (code, _, error) = CliRunner.Run("train", "wgan-gp-shapes", "--out", run, "--resume", "--batch-size", "8");
        Assert.Equal(2, code);
        Assert.Contains("--batch-size", error);
        (code, var output, error) = CliRunner.Run("train", "wgan-gp-shapes", "--out", run, "--resume", "--epochs", "2");
        Assert.True(code == 0, error);
        Assert.Contains("resuming", output);
        Assert.Equal(6, LossLog.Read(new RunLayout(run).LossesCsvPath).Count);
    }

    public void Dispose() => _temp.Dispose();
}
