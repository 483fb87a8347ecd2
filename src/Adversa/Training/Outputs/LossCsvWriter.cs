namespace Adversa.Training.Outputs;

/// <summary>losses.csv (<see cref="LossLog"/>): a row per generator step, flushed at every epoch end before anything else is written, so that the checkpoint never runs ahead of the file.</summary>
public sealed class LossCsvWriter : ITrainingObserver, IDisposable
{
    private readonly LossLog _log;

    /// <summary>A new file at <paramref name="path"/>, or, for a run resumed at <paramref name="resumedIteration"/>, the existing one without the rows logged after it.</summary>
    public LossCsvWriter(string path, long? resumedIteration = null) =>
        _log = resumedIteration is { } iteration ? LossLog.Resume(path, iteration) : LossLog.Create(path);

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record) => _log.Append(record);

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => _log.Flush();

    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome) => _log.Flush();

    /// <inheritdoc />
    public void Dispose() => _log.Dispose();
}
