namespace Adversa.Training.Outputs;

/// <summary>checkpoints/last.ckpt (<see cref="TrainingCheckpoint"/>), written atomically at every epoch end.</summary>
public sealed class CheckpointWriter(string path) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        var state = trainer.CaptureState();
        using (state.SamplerState)
            TrainingCheckpoint.Save(path, state);
    }
}
