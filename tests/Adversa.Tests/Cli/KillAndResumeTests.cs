using System.Diagnostics;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Cli;

/// <summary>End to end, in a child process: SIGKILL in the middle of an epoch, then --resume.</summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Adversa.Cli.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    private static void RunToEnd(params string[] args)
    {
        using var process = Start(args);
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
    }

    [Fact]
    public void A_run_killed_mid_epoch_resumes_from_its_checkpoint_and_matches_an_uninterrupted_run()
    {
        const int epochs = 3, iterations = 40;
        var whole = Path.Combine(_temp.Path, "whole");
        RunToEnd(["train", "wgan-gp-shapes", "--out", whole, .. TinyRuns.ShapesArguments(epochs, iterations)]);

        var killed = Path.Combine(_temp.Path, "killed");
        var layout = new RunLayout(killed);
        using (var process = Start(["train", "wgan-gp-shapes", "--out", killed, .. TinyRuns.ShapesArguments(epochs, iterations)]))
        {
            // Wait until epoch 1 is checkpointed and epoch 2 is under way, then kill without warning.
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(layout.SampleGridPath(1)) && File.Exists(layout.LastCheckpointPath)) && clock.Elapsed < TimeSpan.FromMinutes(2))
                Thread.Sleep(20);
            Thread.Sleep(300);
            Assert.False(process.HasExited, "the run ended before it could be killed");
            process.Kill(entireProcessTree: true); // SIGKILL
            process.WaitForExit();
        }
        Assert.False(File.Exists(layout.SampleGridPath(epochs)));
        Assert.True(TrainingCheckpoint.Read(layout.LastCheckpointPath).CompletedEpochs < epochs);

        RunToEnd("train", "wgan-gp-shapes", "--out", killed, "--resume");

        TinyRuns.AssertSameLosses(whole, killed);
    }

    public void Dispose() => _temp.Dispose();
}
