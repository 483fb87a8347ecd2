using System.Diagnostics;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Robustness;

/// <summary>
/// A run killed (SIGKILL) at random moments, its epoch-end writes included, and resumed each time, ends with the files
/// of an uninterrupted run: the same losses row for row, one epochs.csv row per epoch, a checkpoint of the last epoch,
/// and no temporary file left behind.
/// </summary>
public sealed class KillAnywhereTests : IDisposable
{
    private const int Epochs = 40;
    private const int Iterations = 3;
    private readonly TempDirectory _temp = new();

    // The demonstration at tiny size; redrawing the report and plot at every epoch makes the epoch ends long enough to be hit.
    private static string[] Arguments(string run) =>
        ["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(Epochs, Iterations), "--set", "redraw_seconds=0"];

    // The CLI in a child process, its output drained as it comes (a full pipe would stall it).
    private static (Process Process, System.Text.StringBuilder Error) Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Adversa.Cli.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var error = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => { lock (error) error.AppendLine(line.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, error);
    }

    private static (int Code, string Error) RunToEnd(params string[] args)
    {
        var (process, error) = Start(args);
        using (process)
        {
            process.WaitForExit();
            return (process.ExitCode, error.ToString());
        }
    }

    [Fact]
    public void A_run_killed_at_twenty_random_moments_ends_as_an_uninterrupted_run()
    {
        var whole = Path.Combine(_temp.Path, "whole");
        var (code, error) = RunToEnd(Arguments(whole));
        Assert.True(code == 0, error);

        var killed = Path.Combine(_temp.Path, "killed");
        var random = new Random(30);
        var kills = 0;
        for (var attempt = 0; attempt < 40 && kills < 20; attempt++)
        {
            // As a user would: resume once the run has frozen its configuration, else run the same command again (a kill
            // during start-up, which a loaded machine stretches, can come before config.json is written).
            var (process, error2) = File.Exists(new RunLayout(killed).ConfigPath)
                ? Start("train", "wgan-gp-shapes", "--out", killed, "--resume")
                : Start(Arguments(killed));
            using var owned = process;
            // Start-up takes about a second, each epoch a fraction of one: kill anywhere from start-up to a few epochs in.
            if (!process.WaitForExit(300 + random.Next(2200)))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                kills++;
            }
            else
            {
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, error2.ToString());
            }
        }
        Assert.True(kills >= 20, $"only {kills} kills landed");
        (code, error) = RunToEnd("train", "wgan-gp-shapes", "--out", killed, "--resume");
        Assert.True(code == 0, error);

        var layout = new RunLayout(killed);
        TinyRuns.AssertSameLosses(whole, killed);
        Assert.Equal(Enumerable.Range(1, Epochs), EpochTimes.Read(layout.EpochsCsvPath).Select(t => t.Epoch));
        Assert.Equal(Epochs, TrainingCheckpoint.Read(layout.LastCheckpointPath).CompletedEpochs);
        Assert.Empty(Directory.EnumerateFiles(killed, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(Epochs, layout.SampleGridPaths(Epochs).Count);
    }

    public void Dispose() => _temp.Dispose();
}
