using Adversa.Data;
using Adversa.Models;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// Training into a run directory (SPEC section 3): a trainer with every output attached, holding the directory's lock,
/// with a checkpoint of its starting state, and outputs in the order a kill at any moment leaves consistent: the
/// per-epoch rows (losses, times, metrics) and the grid before the checkpoint that covers them, what is derived
/// from them after it. A resume drops rows past its checkpoint, so nothing written before a kill is ever contradicted.
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Starts a run of <paramref name="config"/> in <paramref name="runDirectory"/>, which must not already hold one,
    /// and writes its frozen config.json and a checkpoint of its starting state. <paramref name="images"/>, when given,
    /// replace <see cref="TrainingConfig.Data"/> (config.json then names their source).
    /// </summary>
    public static GanTrainer Start(TrainingConfig config, string runDirectory, LabeledImages? images = null)
    {
        ConfigValidation.Validate(config);
        if (images is not null)
            config = config with { Data = images.Source };
        // Frozen as decided here, so a resume on another processor computes as this run did.
        config = config with { Precision = MixedPrecision.Resolve(config.Precision) };
        OutputPath.CheckDirectory(runDirectory, "out");
        var layout = new RunLayout(runDirectory);
        var runLock = RunLock.Acquire(runDirectory);
        try
        {
            if (File.Exists(layout.LastCheckpointPath) || File.Exists(layout.ConfigPath))
                throw new InvalidInputException("out", runDirectory, "already holds a run (resume it, or choose another directory)");
            return Begin(config, layout, images, runLock);
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> from its last checkpoint; <paramref name="epochs"/>, if given,
    /// changes the final epoch. A run killed before its first checkpoint starts again from its frozen configuration. A run
    /// trained on images held in memory needs them passed again as <paramref name="images"/>; other images are refused.
    /// </summary>
    public static GanTrainer Resume(string runDirectory, int? epochs = null, LabeledImages? images = null)
    {
        if (!Directory.Exists(runDirectory))
            throw new InvalidInputException($"{runDirectory}: run directory not found");
        var layout = new RunLayout(runDirectory);
        var runLock = RunLock.Acquire(runDirectory);
        try
        {
            if (!File.Exists(layout.LastCheckpointPath) && File.Exists(layout.ConfigPath))
            {
                var frozen = InputFile.Parse(layout.ConfigPath, "run configuration", TrainingConfig.FromJson);
                return Begin(epochs is { } total ? frozen with { Epochs = total } : frozen, layout, images, runLock);
            }
            return Continue(layout, epochs, images, runLock);
        }
        catch
        {
            runLock.Dispose();
            throw;
        }
    }

    private static GanTrainer Begin(TrainingConfig config, RunLayout layout, LabeledImages? images, RunLock runLock)
    {
        ConfigValidation.Validate(config);
        AtomicFile.RemoveStaleTemporaries(layout.Root);
        Directory.CreateDirectory(layout.CheckpointsDirectory);
        Directory.CreateDirectory(layout.SamplesDirectory);
        AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        GanTrainer? trainer = null;
        try
        {
            trainer = GanTrainer.Create(config, images);
            // What the data decided (a conditional run's number of classes) is frozen with the rest.
            if (trainer.Config != config)
                AtomicFile.WriteAllText(layout.ConfigPath, trainer.Config.ToJson());
            Attach(trainer, layout, resumedAt: null, runLock);
            // Epoch 0: a run killed or diverging in its first epoch resumes from, or keeps, its starting state.
            CheckpointWriter.Save(trainer, layout.LastCheckpointPath);
            return trainer;
        }
        catch
        {
            // A run that could not start (bad data, an unusable evaluation setting) leaves the directory reusable.
            trainer?.Observers.Remove(trainer.Observers.OfType<RunDirectoryLock>().FirstOrDefault()!);
            trainer?.Dispose();
            File.Delete(layout.ConfigPath);
            File.Delete(layout.LastCheckpointPath);
            throw;
        }
    }

    private static GanTrainer Continue(RunLayout layout, int? epochs, LabeledImages? images, RunLock runLock)
    {
        var checkpoint = TrainingCheckpoint.Read(layout.LastCheckpointPath);
        var config = epochs is { } e ? checkpoint.Config with { Epochs = e } : checkpoint.Config;
        ConfigValidation.Validate(config);
        AtomicFile.RemoveStaleTemporaries(layout.Root);
        GanTrainer trainer;
        try
        {
            trainer = GanTrainer.Build(config, images, initialWeights: false);
        }
        catch (InvalidInputException missing) when (images is null && missing.Setting == "data" && checkpoint.Data is { } trained)
        {
            throw new InvalidInputException("data", config.Data, $"cannot be loaded to resume the run ({missing.Problem}); it trained on {trained}: pass those images again", missing);
        }
        try
        {
            trainer.Restore(checkpoint);
            Attach(trainer, layout, resumedAt: (checkpoint.Iteration, checkpoint.CompletedEpochs), runLock);
        }
        catch
        {
            trainer.Dispose();
            throw;
        }
        if (epochs is not null)
            AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        return trainer;
    }

    // The order matters for a kill between two writes: rows and grid before the checkpoint that covers them, the
    // checkpoint before the files derived from it.
    private static void Attach(GanTrainer trainer, RunLayout layout, (long Iteration, int Epoch)? resumedAt, RunLock runLock)
    {
        var config = trainer.Config;
        trainer.Observers.Add(new RunDirectoryLock(runLock));
        var earlierRecords = resumedAt is { } at && File.Exists(layout.LossesCsvPath) ? LossLog.Read(layout.LossesCsvPath).Where(r => r.Iteration <= at.Iteration) : [];
        trainer.Observers.Add(new LossCsvWriter(layout.LossesCsvPath, resumedAt?.Iteration));
        trainer.Observers.Add(new EpochTimesWriter(layout.EpochsCsvPath));
        if (config.EvalEvery > 0)
            trainer.Observers.Add(MetricsWriter.Create(config, DataSource.Resolve(config.Data), layout.MetricsCsvPath, trainer.Components.Device));
        trainer.Observers.Add(new SampleGridWriter(layout));
        trainer.Observers.Add(new CheckpointWriter(layout));
        var redraw = TimeSpan.FromSeconds(config.RedrawSeconds);
        trainer.Observers.Add(new LossPlotWriter(layout.LossesPlotPath, redraw, earlierRecords.ToList()));
        if (config.Tensorboard)
            trainer.Observers.Add(new TensorBoardWriter(layout.EventsDirectory, resumedAt?.Iteration + 1));
        trainer.Observers.Add(new ReportWriter(layout.Root, redraw));
        trainer.Observers.Add(new AnimationWriter(layout));
        if (resumedAt is { } resumed)
            EpochTimes.DropAfter(layout.EpochsCsvPath, resumed.Epoch);
    }
}
