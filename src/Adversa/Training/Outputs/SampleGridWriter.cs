using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>samples/epoch_NNNN.png: the fixed latent batch as a grid at every epoch end.</summary>
public sealed class SampleGridWriter(RunLayout layout) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) =>
        AtomicFile.WriteAllBytes(layout.SampleGridPath(epoch.Epoch), epoch.SamplesPng);
}
