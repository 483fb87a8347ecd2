namespace Adversa.Training.Outputs;

/// <summary>checkpoints/last.ckpt (<see cref="TrainingCheckpoint"/>), written atomically at every epoch end.</summary>
public sealed class CheckpointWriter(string path) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => Save(trainer, path);

    /// <summary>Writes the checkpoint of <paramref name="trainer"/>'s state now.</summary>
    public static void Save(GanTrainer trainer, string path)
    {
        var state = trainer.CaptureState();
        using (state.SamplerState)
            TrainingCheckpoint.Save(path, state);
    }
}
