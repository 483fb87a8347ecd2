namespace Adversa.Training.Outputs;

/// <summary>
/// checkpoints/last.ckpt (<see cref="TrainingCheckpoint"/>), written atomically at every epoch end, and with
/// checkpoint_every = N, a copy kept as checkpoints/epoch_NNNN.ckpt every N epochs.
/// </summary>
public sealed class CheckpointWriter(RunLayout layout) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        var every = trainer.Config.CheckpointEvery;
        // The kept copy first: a kill between the two leaves last.ckpt at the previous epoch, which a resume
        // retrains, rewriting the same kept file.
        if (every > 0 && epoch.Epoch % every == 0)
            Save(trainer, layout.KeptCheckpointPath(epoch.Epoch), layout.LastCheckpointPath);
        else
            Save(trainer, layout.LastCheckpointPath);
    }

    /// <summary>Writes the checkpoint of <paramref name="trainer"/>'s state now, captured once, to each of <paramref name="paths"/> in order.</summary>
    public static void Save(GanTrainer trainer, params string[] paths)
    {
        var state = trainer.CaptureState();
        using (state.SamplerState)
            foreach (var path in paths)
                TrainingCheckpoint.Save(path, state);
    }
}
