using System.Diagnostics;
using System.Globalization;
using Adversa.Runtime;
using Adversa.Training.Outputs;

namespace Adversa.Training.Sweeps;

/// <summary>
/// Claims trials of a study and trains them until none is left: each trial's run is an ordinary run directory
/// (<c>trials/trial_NNNN</c> in the study's folder), so a trial whose worker died continues from its last
/// checkpoint in the next worker that claims it. The worker renews its lease while it trains; when the study's
/// last round is settled it adds the sampler's next round (once, whichever worker gets there first).
/// </summary>
public sealed class SweepWorker(SweepFolder folder, TrialStore store, string owner, TimeSpan lease, int threads = 0)
{
    /// <summary>This worker's name in the store (host and process, by default).</summary>
    public string Owner { get; } = owner;

    /// <summary>Called with one line per event (claimed, finished, waiting).</summary>
    public Action<string> Log { get; init; } = _ => { };

    /// <summary>Called with each trial's trainer before it trains (to show progress).</summary>
    public Action<GanTrainer, Trial> Train { get; init; } = (trainer, _) => trainer.Train();

    /// <summary>Claims of one trial after which it is failed rather than tried again (a trial that kills every worker that takes it).</summary>
    public const int MostAttempts = 3;

    /// <summary>A name for a worker of this process on this host.</summary>
    public static string DefaultOwner() => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>Trains trials until the study is complete or <paramref name="cancellation"/> fires; returns how many this worker finished.</summary>
    public int Run(CancellationToken cancellation = default)
    {
        var finished = 0;
        var poll = TimeSpan.FromSeconds(Math.Clamp(lease.TotalSeconds / 4, 0.2, 5));
        while (!cancellation.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (store.Claim(Owner, now, now + lease) is { } trial)
            {
                RunTrial(trial, cancellation);
                finished++;
                continue;
            }
            var trials = store.All();
            if (trials.Any(t => t.State is TrialState.Pending or TrialState.Running))
            {
                cancellation.WaitHandle.WaitOne(poll);
                continue;
            }
            var rounds = trials.GroupBy(t => t.Round).OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<SampledTrial>)[.. g.Select(t => new SampledTrial(t.Values, t.State == TrialState.Done ? t.Objective : null))]).ToList();
            var next = SweepSampler.NextRound(folder.Study, rounds.Count, rounds);
            if (next.Count == 0)
                break;
            if (store.AddRound(rounds.Count, next))
                Log($"round {rounds.Count + 1}: {next.Count} trials around the best so far");
        }
        return finished;
    }

    private void RunTrial(Trial trial, CancellationToken cancellation)
    {
        var directory = folder.TrialDirectory(trial.Number);
        var values = string.Join(" ", trial.Values.Select(v => $"{v.Key}={v.Value}"));
        if (trial.Attempts > MostAttempts)
        {
            store.Finish(trial.Number, Owner, null, 0, $"given up after {MostAttempts} workers stopped during it");
            Log($"trial {trial.Number} ({values}): given up after {MostAttempts} attempts");
            return;
        }
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Renewed at a third of the lease, so two missed renewals still leave time; a lost lease stops training.
        var renewal = new Timer(_ =>
        {
            try
            {
                if (!store.Renew(trial.Number, Owner, DateTimeOffset.UtcNow + lease))
                    lost.Cancel();
            }
            catch (System.Data.Common.DbException)
            {
                // The store is unreachable for a moment: the next renewal tries again.
            }
        }, null, lease / 3, lease / 3);
        var clock = Stopwatch.StartNew();
        try
        {
            var layout = new RunLayout(directory);
            var resumed = File.Exists(layout.LastCheckpointPath) || File.Exists(layout.ConfigPath);
            Log($"trial {trial.Number} ({values}): {(resumed ? "continuing its run" : "training")} in {directory}");
            using (var trainer = resumed ? TrainingRun.Resume(directory) : TrainingRun.Start(folder.Study.TrialConfig(trial.Values) with { Threads = threads }, directory))
                Train(trainer, trial);
            cancellation.ThrowIfCancellationRequested();
            var objective = SweepFolder.Objective(folder.Study, directory);
            var seconds = SweepFolder.TrainingSeconds(directory) ?? clock.Elapsed.TotalSeconds;
            store.Finish(trial.Number, Owner, objective, seconds);
            Log(string.Create(CultureInfo.InvariantCulture, $"trial {trial.Number} ({values}): {ConfigEnum.NameOf(folder.Study.Objective)} {objective:G6} after {seconds:F0} s of training"));
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            Log($"trial {trial.Number}: lost its lease to another worker; left to it");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped on request (Ctrl+C): the trial goes back to the queue at once, to continue from its checkpoint.
            store.Release(trial.Number, Owner);
            Log($"trial {trial.Number}: stopped; handed back to continue from its last checkpoint");
            throw;
        }
        catch (Exception e) when (e is InvalidInputException or TrainingDivergedException)
        {
            store.Finish(trial.Number, Owner, null, clock.Elapsed.TotalSeconds, e.Message);
            Log($"trial {trial.Number} ({values}) failed: {e.Message}");
        }
        finally
        {
            // Disposing a timer does not wait for a renewal already running; one that outlived `lost` cancelled it
            // disposed (an unhandled ObjectDisposedException on a timer thread). Wait for it.
            using var stopped = new ManualResetEvent(false);
            if (renewal.Dispose(stopped))
                stopped.WaitOne();
        }
    }
}
