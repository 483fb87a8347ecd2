using System.Diagnostics;
using Adversa.Tests.Training;
using Adversa.Training;
using Adversa.Training.Outputs;
using Adversa.Cli;
using Adversa.Training.Sweeps;

namespace Adversa.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // Trials small enough to train in a second or two each.
    private static readonly string[] TinySettings = ["--set", "generator_width=2", "--set", "critic_width=2", "--set", "latent_dim=8", "--set", "sample_count=4", "--set", "tensorboard=false"];

    private static SweepStudy TinyStudy(string name, int epochs, int iterations) => new()
    {
        Name = name, Preset = "wgan-gp-shapes", Parameters = ["batch_size=4,8"], Epochs = epochs, Iterations = iterations, Objective = SweepObjective.DLoss,
        Settings = ["generator_width=2", "critic_width=2", "latent_dim=8", "sample_count=4", "tensorboard=false"],
    };

    [Fact]
    public void Two_local_workers_complete_a_study_and_report_it() => TwoWorkers(store: null);

    [PostgresFact]
    public void Two_local_workers_complete_a_study_through_postgresql() => TwoWorkers(PostgresFactAttribute.Url);

    private void TwoWorkers(string? store)
    {
        // A fresh name per run: one PostgreSQL database keeps every study it was given.
        var study = _temp.File($"batch-{Guid.NewGuid():N}");
        string[] storeArguments = store is null ? [] : ["--store", store];
        var (code, output, error) = CliRunner.Run(["sweep", "run", "wgan-gp-shapes", "--study", study, "--param", "batch_size=4,8,16", "--epochs", "1", "--iterations", "2",
            "--objective", "d_loss", "--workers", "2", .. storeArguments, .. TinySettings]);
        Assert.True(code == 0, error);
        Assert.Contains("2 worker(s) of 1 thread(s)", output);
        var folder = SweepFolder.Open(study);
        var trials = TrialStore.Open(store ?? folder.DefaultStore, folder.Name).All();
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal((TrialState.Done, 1), (t.State, t.Attempts)));
        // Both processes took part.
        Assert.Equal(2, trials.Select(t => t.Owner).Distinct().Count());
        // The objective is the run's own mean critic loss over its (one) epoch.
        var epochs = EpochTimes.Read(new RunLayout(folder.TrialDirectory(2)).EpochsCsvPath);
        Assert.Equal(epochs.Single().Means![0]!.Value, trials[1].Objective!.Value, 1e-9);
        var report = File.ReadAllText(folder.ReportPath);
        Assert.Contains("Best: trial", report);
        // The objective against batch_size, then the best trial's last grid and its losses.
        Assert.Equal(3, report.Split("data:image/png;base64,").Length - 1);
        (code, output, _) = CliRunner.Run(["sweep", "status", "--study", study, .. storeArguments]);
        Assert.Equal(0, code);
        Assert.Contains("batch_size", output);
    }

    [Fact]
    public void A_worker_killed_mid_trial_leaves_a_study_that_completes_with_every_trial_done_once()
    {
        var study = _temp.File("kill");
        var folder = SweepFolder.Create(study, TinyStudy("kill", epochs: 12, iterations: 3), f => TrialStore.Open(f.DefaultStore, f.Name));
        var worker = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Adversa.Cli.dll"), "sweep", "worker", "--study", study, "--lease", "2"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = worker.StandardOutput.ReadToEndAsync();
        _ = worker.StandardError.ReadToEndAsync();
        var run = folder.TrialDirectory(1);
        var clock = Stopwatch.StartNew();
        var killedAt = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (File.Exists(new RunLayout(run).LastCheckpointPath) && TrainingCheckpoint.ReadRun(run).CompletedEpochs is var done and >= 2)
            {
                worker.Kill();   // SIGKILL: no cleanup, the lease is left to run out
                worker.WaitForExit();
                killedAt = TrainingCheckpoint.ReadRun(run).CompletedEpochs;
                break;
            }
            Thread.Sleep(50);
        }
        Assert.InRange(killedAt, 2, 11);
        var killTime = DateTimeOffset.UtcNow;

        var store = TrialStore.Open(folder.DefaultStore, folder.Name);
        var second = new SweepWorker(folder, store, "second", TimeSpan.FromSeconds(2));
        Assert.Equal(2, second.Run());
        var trials = store.All();
        Assert.All(trials, t => Assert.Equal((TrialState.Done, "second"), (t.State, t.Owner)));
        Assert.Equal([2, 1], trials.Select(t => t.Attempts));
        // Continued from the checkpoint: the epochs up to it were written before the kill, the rest after, each once.
        var epochs = EpochTimes.Read(new RunLayout(run).EpochsCsvPath);
        Assert.Equal(Enumerable.Range(1, 12), epochs.Select(e => e.Epoch));
        Assert.All(epochs.Where(e => e.Epoch <= killedAt), e => Assert.True(e.FinishedAt <= killTime));
        Assert.All(epochs.Where(e => e.Epoch > killedAt), e => Assert.True(e.FinishedAt > killTime));
        Assert.Equal(Enumerable.Range(1, 36).Select(i => (long)i), LossLog.Read(new RunLayout(run).LossesCsvPath).Select(r => r.Iteration));
    }

    [Fact]
    public void A_trial_that_stopped_three_workers_is_failed_rather_than_tried_again()
    {
        var folder = SweepFolder.Create(_temp.File("stubborn"), TinyStudy("stubborn", 1, 2) with { Parameters = ["batch_size=4"] }, f => TrialStore.Open(f.DefaultStore, f.Name));
        var store = TrialStore.Open(folder.DefaultStore, folder.Name);
        var past = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < SweepWorker.MostAttempts; i++)
            Assert.NotNull(store.Claim($"dead{i}", past.AddSeconds(i), past.AddSeconds(i)));   // each lease over at once: the worker "died"
        new SweepWorker(folder, store, "fourth", TimeSpan.FromSeconds(30)).Run();
        var trial = store.All().Single();
        Assert.Equal((TrialState.Failed, 4, "given up after 3 workers stopped during it"), (trial.State, trial.Attempts, trial.Error));
        Assert.False(Directory.Exists(folder.TrialDirectory(1)));
    }

    [SlurmFact]
    public void A_four_trial_study_runs_to_completion_as_a_slurm_array_job()
    {
        var study = _temp.File($"slurm-{Guid.NewGuid():N}");
        var folder = SweepFolder.Create(study, TinyStudy(SweepFolder.DefaultName(study), epochs: 1, iterations: 2) with { Parameters = ["batch_size=4,6,8,10"] },
            f => TrialStore.Open(f.DefaultStore, f.Name));
        var (code, output, error) = CliRunner.Run("sweep", "slurm", "--study", study, "--workers", "4", "--concurrent", "2", "--cpus", "1", "--submit");
        Assert.True(code == 0, error);
        Assert.Contains("Submitted batch job", output);
        var store = TrialStore.Open(folder.DefaultStore, folder.Name);
        var clock = Stopwatch.StartNew();
        while (store.All().Any(t => t.State is not (TrialState.Done or TrialState.Failed)) && clock.Elapsed < TimeSpan.FromMinutes(8))
            Thread.Sleep(500);
        var trials = store.All();
        Assert.All(trials, t => Assert.Equal((TrialState.Done, 1), (t.State, t.Attempts)));
        Assert.Equal(4, trials.Count);
        Assert.NotEmpty(Directory.GetFiles(study, "slurm-*.out"));
    }

    [Fact]
    public void The_kubernetes_job_and_the_slurm_script_are_what_the_checked_in_files_say()
    {
        var study = _temp.File("batch-size");
        var folder = SweepFolder.Create(study, TinyStudy("batch-size", 1, 2), f => TrialStore.Open(f.DefaultStore, f.Name));
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Training", "Sweeps", "Fixtures");
        Assert.Equal(File.ReadAllText(Path.Combine(fixtures, "sweep-job.yaml")),
            SweepCluster.KubernetesJob(folder, "postgresql://adversa@db:5432/sweeps", "registry.example/adversa:0.1.0", "adversa-studies", workers: 4, cpusPerWorker: 2));
        var (code, output, error) = CliRunner.Run("sweep", "kubernetes", "--study", study, "--store", "postgresql://adversa@db:5432/sweeps", "--image", "registry.example/adversa:0.1.0", "--claim", "adversa-studies");
        Assert.True(code == 0, error);
        Assert.Equal(File.ReadAllText(Path.Combine(fixtures, "sweep-job.yaml")), File.ReadAllText(Path.Combine(study, "sweep-job.yaml")));
        var slurm = SweepCluster.SlurmScript(folder, "/studies/batch-size/trials.db", "'adversa'", workers: 4, concurrent: 2, cpusPerWorker: 1)
            .Replace(Path.GetFullPath(study), "/studies/batch-size", StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(fixtures, "sweep.sbatch")), slurm);
    }

    public void Dispose() => _temp.Dispose();
}
