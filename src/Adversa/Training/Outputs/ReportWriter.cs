namespace Adversa.Training.Outputs;

/// <summary>
/// report.html (<see cref="RunReport"/>), rebuilt from the run directory's files after the first epoch, then at most
/// every <paramref name="interval"/> of training, and when training stops; <c>adversa report</c> rebuilds it any time.
/// </summary>
public sealed class ReportWriter(string runDirectory, TimeSpan interval) : ITrainingObserver
{
    private readonly Throttle _throttle = new(interval);
    private int _written;

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        if (_throttle.Due())
            Write(trainer);
    }

    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome)
    {
        if (trainer.CompletedEpochs > _written)
            Write(trainer);
    }

    private void Write(GanTrainer trainer)
    {
        RunReport.Write(runDirectory);
        _written = trainer.CompletedEpochs;
    }
}
