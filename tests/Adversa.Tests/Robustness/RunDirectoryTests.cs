using System.Diagnostics;
using Adversa.Runtime;
using Adversa.Tests.Cli;
using Adversa.Tests.Data;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;
using SkiaSharp;

namespace Adversa.Tests.Robustness;

public sealed class RunDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Run(string name) => Path.Combine(_temp.Path, name);

    [Fact]
    public void A_second_process_is_refused_while_the_first_holds_the_run_and_a_dead_holders_lock_is_free()
    {
        var run = Run("run");
        using (var first = TrainingRun.Start(TinyRuns.Shapes(epochs: 2), run))
        {
            // Another process: the CLI in a child, so that the lock is another process's, as on a real machine.
            var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Adversa.Cli.dll"), "train", "wgan-gp-shapes", "--out", run, "--resume" })
                info.ArgumentList.Add(argument);
            using var second = Process.Start(info)!;
            var error = second.StandardError.ReadToEnd();
            second.WaitForExit();
            Assert.Equal(2, second.ExitCode);
            Assert.Contains($"--out {run}: is in use by process {Environment.ProcessId}", error);
        }
        // The holder has finished (in a real kill the operating system drops the lock the same way): resuming works.
        using var resumed = TrainingRun.Resume(run);
        Assert.Equal(0, resumed.CompletedEpochs);
    }

    [Fact]
    public void A_run_killed_before_its_first_epoch_resumes_from_its_start_and_stale_temporaries_go()
    {
        var run = Run("early");
        using (TrainingRun.Start(TinyRuns.Shapes(epochs: 1), run))
        {
            // Killed before any epoch: what is left is config.json and the starting checkpoint.
        }
        Assert.Equal(0, TrainingCheckpoint.ReadRun(run).CompletedEpochs);
        var stale = Path.Combine(run, "samples", ".epoch_0001.png.4242.0123456789abcdef.tmp");
        File.WriteAllText(stale, "half a write");

        var (code, _, error) = CliRunner.Run("train", "wgan-gp-shapes", "--out", run, "--resume");
        Assert.True(code == 0, error);
        Assert.False(File.Exists(stale));
        Assert.Equal(3, LossLog.Read(new RunLayout(run).LossesCsvPath).Count);

        // Killed even before the starting checkpoint: the frozen configuration starts the run again.
        var bare = Run("bare");
        Directory.CreateDirectory(bare);
        File.WriteAllText(new RunLayout(bare).ConfigPath, TinyRuns.Shapes(epochs: 1).ToJson());
        (code, _, error) = CliRunner.Run("train", "wgan-gp-shapes", "--out", bare, "--resume");
        Assert.True(code == 0, error);
        Assert.Equal(LossLog.Read(new RunLayout(run).LossesCsvPath), LossLog.Read(new RunLayout(bare).LossesCsvPath));
    }

    [Fact]
    public void A_run_diverging_in_its_first_epoch_exits_1_keeping_a_checkpoint_that_loads()
    {
        var run = Run("diverging");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(2), "--set", "d_lr=1e30", "--set", "g_lr=1e30"]);
        Assert.Equal(1, code);
        var checkpoint = new RunLayout(run).LastCheckpointPath;
        Assert.Contains("training diverged at iteration", error);
        Assert.Contains($"{checkpoint} holds epoch 0", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(0, TrainingCheckpoint.Read(checkpoint).CompletedEpochs);
    }

    [Fact]
    public void Outputs_that_cannot_be_written_are_refused_before_any_work()
    {
        var file = _temp.File("taken.txt");
        File.WriteAllText(file, "not a folder");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", file, .. TinyRuns.ShapesArguments(1)]);
        Assert.Equal(2, code);
        Assert.Equal($"adversa: --out {file}: is a file, not a folder\n", error);

        (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", Path.Combine(file, "run"), .. TinyRuns.ShapesArguments(1)]);
        Assert.Equal(2, code);
        Assert.Contains("cannot be made", error);

        var folder = Run("a-folder");
        Directory.CreateDirectory(folder);
        (code, _, error) = CliRunner.Run("sample", "/no/such/run", "--count", "2", "--out", Path.Combine(folder, "x.png", "y.png"));
        Assert.Equal(2, code);
    }

    [Fact]
    public void Truncated_images_are_named_or_skipped_with_a_count()
    {
        var folder = Run("pictures");
        for (var i = 0; i < 6; i++)
            DataFiles.SolidPng(Path.Combine(folder, $"{i}.png"), 16, 16, new SKColor((byte)(40 * i), 80, 120));
        var damaged = Path.Combine(folder, "3.png");
        var bytes = File.ReadAllBytes(damaged);
        File.WriteAllBytes(damaged, bytes[..(bytes.Length * 2 / 3)]);

        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--data", folder, "--out", Run("refused"), .. TinyRuns.ShapesArguments(1, 1)]);
        Assert.Equal(2, code);
        Assert.Contains($"{damaged}: truncated image", error);

        (code, var output, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--data", folder, "--out", Run("skipped"), .. TinyRuns.ShapesArguments(1, 1), "--set", "skip_unreadable_images=true"]);
        Assert.True(code == 0, error);
        Assert.Contains($"skipped 1 unreadable images (skip_unreadable_images), the first: {damaged}: truncated image", output);
        Assert.Equal(5, TrainingCheckpoint.ReadRun(Run("skipped")).Data!.Count);
    }

    [Fact]
    public void Sizes_that_need_more_memory_than_the_machine_has_are_refused()
    {
        var run = Run("small");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 1), run))
            trainer.Train();
        var (code, _, error) = CliRunner.Run("sample", run, "--count", "2000000000", "--out", Path.Combine(_temp.Path, "huge.png"));
        Assert.Equal(2, code);
        Assert.Contains("--count 2000000000: would take", error);
        var tooMany = Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(TinyRuns.Shapes(1) with { SampleCount = 100_000 }));
        Assert.Equal("sample_count", tooMany.Setting);
    }

    public void Dispose() => _temp.Dispose();
}
