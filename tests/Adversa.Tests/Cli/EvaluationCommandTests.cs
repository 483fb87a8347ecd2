using System.Globalization;
using System.Text.Json;
using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;
using SkiaSharp;

namespace Adversa.Tests.Cli;

public sealed class EvaluationCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string TrainTinyShapes(int epochs, params string[] settings)
    {
        var run = _temp.File("run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(epochs), .. settings]);
        Assert.True(code == 0, error);
        return run;
    }

    [Fact]
    public void Evaluate_reports_every_metric_with_its_settings_and_saves_json_and_statistics()
    {
        var run = TrainTinyShapes(1);
        var stats = _temp.File("gen.npz");
        var (code, output, error) = CliRunner.Run("evaluate", run, "--features", "mnist", "--samples", "200", "--json", "--save-stats", stats);
        Assert.True(code == 0, error);
        var json = output[output.IndexOf('{')..(output.LastIndexOf('}') + 1)];
        var result = JsonSerializer.Deserialize<MetricResults>(json, ConfigJson.Options)!;
        Assert.Equal(200, result.Samples);
        Assert.Equal(600, result.ReferenceSamples); // a fresh draw of the two training shapes
        Assert.Equal(ImageClassifier.FeatureWidth, result.FeatureWidth);
        Assert.True(result.Fid > 0);
        Assert.InRange(result.IsMean!.Value, 1, 10);
        Assert.InRange(result.Precision!.Value, 0, 1);
        Assert.Equal(MetricSuite.InceptionScoreSplits, result.IsSplits);
        Assert.Contains("shapes test split", result.Reference);
        Assert.Contains("classifier mnist", result.FeatureNetwork);
        Assert.True(File.Exists(new RunLayout(run).EvaluationPath));
        Assert.Equal(ImageClassifier.FeatureWidth, FeatureStatisticsFile.Load(stats).Mean.Length);

        // The saved statistics are those of the same 200 images: fid against the run with the same seed gives 0.
        var (fidCode, fidOutput, fidError) = CliRunner.Run("fid", stats, run, "--samples", "200", "--features", "mnist");
        Assert.True(fidCode == 0, fidError);
        Assert.Contains("FID 0.0000", fidOutput);
    }

    [Fact]
    public void A_shapes_run_is_measured_with_the_built_in_shapes_classifier_by_default()
    {
        var run = TrainTinyShapes(1);
        var (code, output, error) = CliRunner.Run("evaluate", run, "--samples", "200", "--metrics", "fid,is");
        Assert.True(code == 0, error);
        Assert.Contains("features: classifier shapes (128-d features", output);
        Assert.Contains($"measured: generator of {run} (200 images)", output);
        (code, output, error) = CliRunner.Run("evaluate", run, "--samples", "200", "--metrics", "fid", "--truncation", "0.5");
        Assert.True(code == 0, error);
        Assert.Contains($"measured: generator of {run}, z truncated at 0.5 (200 images)", output);
        (code, _, error) = CliRunner.Run("evaluate", run, "--real", "--truncation", "0.5");
        Assert.Equal((2, "adversa: --truncation 0.5: applies to a generator's z, not when measuring real images"), (code, error.Trim()));
    }

    [Fact]
    public void Classifier_test_re_measures_a_built_in_classifier_at_its_own_input_size()
    {
        // The shapes classifier takes 32x32 images; the shapes are drawn at 64x64.
        var (code, output, error) = CliRunner.Run("classifier", "test", "shapes", "--data", "shapes-test");
        Assert.True(code == 0, error);
        Assert.Contains("shapes: test accuracy 100.00 % on 400 images (recorded when trained: 100.00 %)", output);
    }

    [Fact]
    public void The_real_floor_measures_training_images_against_the_test_split()
    {
        var run = TrainTinyShapes(1);
        var (code, output, error) = CliRunner.Run("evaluate", run, "--features", "mnist", "--samples", "300", "--real", "--metrics", "fid,kid");
        Assert.True(code == 0, error);
        Assert.Contains("shapes train split, 300 random images", output);
        Assert.Contains("FID", output);
        Assert.DoesNotContain("Inception Score", output);
    }

    [Fact]
    public void Too_few_samples_for_fid_and_unknown_metrics_are_one_line_errors()
    {
        var run = TrainTinyShapes(1);
        var (code, _, error) = CliRunner.Run("evaluate", run, "--features", "mnist", "--samples", "100");
        Assert.Equal(2, code);
        Assert.Contains("more than 128 images per side", error);
        (code, _, error) = CliRunner.Run("evaluate", run, "--features", "mnist", "--metrics", "fid,xyz");
        Assert.Equal(2, code);
        Assert.Contains("adversa: --metrics fid,xyz: unknown value 'xyz' (expected any of: none, fid, kid, is, pr, all)", error);
        (code, _, error) = CliRunner.Run("evaluate", run, "--features", "olivetti");
        Assert.Equal(2, code);
        Assert.Contains("--features olivetti: neither a built-in feature network", error);
    }

    [Fact]
    public void Eval_every_writes_one_metrics_row_per_measured_epoch_and_a_resume_does_not_repeat_rows()
    {
        var run = TrainTinyShapes(2, "--set", "eval_every=1", "--set", "eval_samples=150", "--set", "eval_features=mnist", "--set", "eval_metrics=fid,pr");
        var lines = File.ReadAllLines(new RunLayout(run).MetricsCsvPath);
        Assert.Equal(MetricsWriter.CsvHeader, lines[0]);
        Assert.Equal(["1", "2"], lines.Skip(1).Select(l => l.Split(',')[0]));
        var fields = lines[2].Split(',');
        Assert.Equal("6", fields[1]); // iteration after 2 epochs of 3
        Assert.True(double.Parse(fields[2], CultureInfo.InvariantCulture) > 0);
        Assert.Equal("", fields[3]); // KID not asked for
        Assert.Equal("150", fields[9]);

        var (code, _, error) = CliRunner.Run("train", "wgan-gp-shapes", "--out", run, "--resume", "--epochs", "3");
        Assert.True(code == 0, error);
        Assert.Equal(["1", "2", "3"], File.ReadAllLines(new RunLayout(run).MetricsCsvPath).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void A_bad_eval_setting_fails_before_training_starts()
    {
        var run = _temp.File("run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(1), "--set", "eval_every=1", "--set", "eval_metrics=fid,nope"]);
        Assert.Equal(2, code);
        Assert.Contains("eval_metrics", error);
        Assert.False(File.Exists(new RunLayout(run).LastCheckpointPath));
        (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(1), "--set", "eval_every=1", "--set", "eval_features=mnist", "--set", "eval_samples=100"]);
        Assert.Equal(2, code);
        Assert.Contains("eval_samples: FID with 128-d features needs more than 128 images", error);
        Assert.False(File.Exists(new RunLayout(run).LastCheckpointPath));
        // The failed start left nothing that makes the directory look taken.
        Assert.Equal(0, CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(1)]).ExitCode);
    }

    [Fact]
    public void Score_writes_a_row_per_test_image_and_the_report_draws_histograms_and_an_auc_table()
    {
        var run = TrainTinyShapes(1);
        var scores = _temp.File("scores.csv");
        var (code, output, error) = CliRunner.Run("score", run, "--data", "shapes-test", "--out", scores);
        Assert.True(code == 0, error);
        Assert.Contains("400 scores", output);
        var read = ScoreFile.Load(scores);
        Assert.Equal(400, read.Count);
        Assert.Equal(10, read.Select(s => s.ClassName).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 400).Select(i => (long)i), read.Select(s => s.Image));

        (code, output, error) = CliRunner.Run("score-report", scores, "--reference", "0", "--out", _temp.File("report"));
        Assert.True(code == 0, error);
        Assert.Contains("of 45 class pairs separated", output);
        using var histogram = SKBitmap.Decode(Path.Combine(_temp.File("report"), "scores_histogram.png"));
        Assert.True(histogram.Width > 0);
        var table = File.ReadAllLines(Path.Combine(_temp.File("report"), "scores_separation.csv"));
        Assert.Equal(11, table.Length);
        // The diagonal compares a class with itself: exactly chance.
        Assert.Equal("0.5000", Csv.Split(table[1])[1]);
    }

    [Fact]
    public void Score_study_trains_scores_and_tabulates_two_seeds_then_reuses_their_runs()
    {
        var folder = _temp.File("study");
        string[] arguments = ["score-study", "--epochs", "1,2", "--seeds", "7,8", "--out", folder, "--set", "iterations_per_epoch=2", "--set", "batch_size=4",
            "--set", "generator_width=2", "--set", "critic_width=2", "--set", "latent_dim=8", "--set", "sample_count=4"];
        var (code, output, error) = CliRunner.Run(arguments);
        Assert.True(code == 0, error);
        Assert.Contains("seed 7: training wgan-gp-shapes", output);
        Assert.Matches(@"2 +\d+ of 45 +\d+ of 45 +\d+ +\d+", output);
        Assert.True(File.Exists(Path.Combine(folder, "study.html")));
        Assert.True(File.Exists(Path.Combine(folder, "seed_8", "epoch_0002", "histogram.png")));

        (code, output, error) = CliRunner.Run(arguments);
        Assert.True(code == 0, error);
        Assert.Contains("seed 8: reusing the complete run", output);

        (code, _, error) = CliRunner.Run("score-study", "--epochs", "1,x", "--out", _temp.File("other"));
        Assert.Equal(2, code);
        Assert.Contains("epochs 1,x: a comma-separated list of integers", error);
    }

    [Fact]
    public void Export_writes_each_format_and_names_a_bad_target()
    {
        var run = TrainTinyShapes(1);
        foreach (var (file, network, says) in new[] { ("g.onnx", "generator", "input 'latent'"), ("g.safetensors", "generator", "init_from"), ("c.pth", "critic", "the critic as pth"), ("c.onnx", "critic", "output 'scores'") })
        {
            var (code, output, error) = CliRunner.Run("export", run, "--out", _temp.File(file), "--network", network);
            Assert.True(code == 0, error);
            Assert.Contains(says, output);
            Assert.True(new FileInfo(_temp.File(file)).Length > 1000);
        }
        var (badCode, _, badError) = CliRunner.Run("export", run, "--out", _temp.File("g.bin"));
        Assert.Equal(2, badCode);
        Assert.Contains("name a .onnx, .safetensors or .pth file", badError);
        Assert.False(File.Exists(_temp.File("g.bin")));
        Assert.Equal(0, CliRunner.Run("export", run, "--out", _temp.File("g.bin"), "--format", "onnx").ExitCode);
    }

    public void Dispose() => _temp.Dispose();
}
