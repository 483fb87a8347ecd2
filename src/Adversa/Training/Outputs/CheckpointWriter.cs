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
        var state = trainer.CaptureState();
        using (state.SamplerState)
        {
            // The kept copy first: a kill between the two leaves last.ckpt at the previous epoch, which a resume
            // retrains, rewriting the same kept file.
            if (every > 0 && epoch.Epoch % every == 0)
                TrainingCheckpoint.Save(layout.KeptCheckpointPath(epoch.Epoch), state);
            TrainingCheckpoint.Save(layout.LastCheckpointPath, state);
        }
    }

    /// <summary>Writes the checkpoint of <paramref name="trainer"/>'s state now.</summary>
    public static void Save(GanTrainer trainer, string path)
    {
        var state = trainer.CaptureState();
        using (state.SamplerState)
            TrainingCheckpoint.Save(path, state);
    }
}
