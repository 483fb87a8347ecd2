using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// progress.gif: the per-epoch grids as an animation (<see cref="TrainingAnimation"/>), written when training stops
/// for any reason. Encoding takes seconds for 60 large grids (as long as a demo epoch), so not at every epoch end.
/// </summary>
public sealed class AnimationWriter(RunLayout layout) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome)
    {
        var grids = layout.SampleGridPaths(trainer.CompletedEpochs);
        if (grids.Count > 0)
            AtomicFile.WriteAllBytes(layout.ProgressGifPath, TrainingAnimation.ToGif(grids));
    }
}
