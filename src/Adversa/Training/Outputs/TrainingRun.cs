using Adversa.Data;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// Training into a run directory (SPEC section 3): a trainer with every output attached, in the order a kill at any
/// moment leaves consistent (losses.csv flushed, then the grid, then the checkpoint, then what is derived from them).
/// </summary>
public static class TrainingRun
{
    /// <summary>
    /// Starts a run of <paramref name="config"/> in <paramref name="runDirectory"/>, which must not already hold one,
    /// and writes its frozen config.json. <paramref name="images"/>, when given, replace <see cref="TrainingConfig.Data"/>
    /// (config.json then names their source).
    /// </summary>
    public static GanTrainer Start(TrainingConfig config, string runDirectory, LabeledImages? images = null)
    {
        ConfigValidation.Validate(config);
        if (images is not null)
            config = config with { Data = images.Source };
        var layout = new RunLayout(runDirectory);
        if (File.Exists(layout.LastCheckpointPath) || File.Exists(layout.ConfigPath))
            throw new InvalidInputException("out", runDirectory, "already holds a run (resume it, or choose another directory)");
        Directory.CreateDirectory(layout.CheckpointsDirectory);
        Directory.CreateDirectory(layout.SamplesDirectory);
        AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        GanTrainer? trainer = null;
        try
        {
            trainer = GanTrainer.Create(config, images);
            Attach(trainer, layout, resumedIteration: null);
            return trainer;
        }
        catch
        {
            // A run that could not start (bad data, an unusable evaluation setting) leaves the directory reusable.
            trainer?.Dispose();
            File.Delete(layout.ConfigPath);
            throw;
        }
    }

    /// <summary>
    /// Continues the run in <paramref name="runDirectory"/> from its last checkpoint; <paramref name="epochs"/>, if given,
    /// changes the final epoch. A run trained on images held in memory needs them passed again as <paramref name="images"/>;
    /// other images than the run's are refused.
    /// </summary>
    public static GanTrainer Resume(string runDirectory, int? epochs = null, LabeledImages? images = null)
    {
        var layout = new RunLayout(runDirectory);
        var checkpoint = TrainingCheckpoint.ReadRun(runDirectory);
        var config = epochs is { } e ? checkpoint.Config with { Epochs = e } : checkpoint.Config;
        ConfigValidation.Validate(config);
        GanTrainer trainer;
        try
        {
            trainer = GanTrainer.Create(config, images);
        }
        catch (InvalidInputException missing) when (images is null && missing.Setting == "data" && checkpoint.Data is { } trained)
        {
            throw new InvalidInputException("data", config.Data, $"cannot be loaded to resume the run ({missing.Problem}); it trained on {trained}: pass those images again", missing);
        }
        try
        {
            trainer.Restore(checkpoint);
            Attach(trainer, layout, resumedIteration: checkpoint.Iteration);
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

    // The order matters for a kill between two writes: rows before the checkpoint that covers them, the checkpoint
    // before the files derived from it.
    private static void Attach(GanTrainer trainer, RunLayout layout, long? resumedIteration)
    {
        var config = trainer.Config;
        var earlierRecords = resumedIteration is null || !File.Exists(layout.LossesCsvPath) ? [] : LossLog.Read(layout.LossesCsvPath).Where(r => r.Iteration <= resumedIteration);
        trainer.Observers.Add(new LossCsvWriter(layout.LossesCsvPath, resumedIteration));
        trainer.Observers.Add(new SampleGridWriter(layout));
        trainer.Observers.Add(new CheckpointWriter(layout.LastCheckpointPath));
        trainer.Observers.Add(new LossPlotWriter(layout.LossesPlotPath, earlierRecords.ToList()));
        if (config.EvalEvery > 0)
            trainer.Observers.Add(MetricsWriter.Create(config, DataSource.Resolve(config.Data), layout.MetricsCsvPath, trainer.Components.Device));
        if (config.Tensorboard)
            trainer.Observers.Add(new TensorBoardWriter(layout.EventsDirectory));
        trainer.Observers.Add(new EpochTimesWriter(layout.EpochsCsvPath));
        trainer.Observers.Add(new ReportWriter(layout.Root));
        trainer.Observers.Add(new AnimationWriter(layout));
    }
}
