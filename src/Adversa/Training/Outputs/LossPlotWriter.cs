using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// losses.png (<see cref="LossPlot"/>) of every row logged, earlier sessions' included: drawn after the first epoch,
/// then at most every <paramref name="interval"/> of training, and when training stops.
/// </summary>
public sealed class LossPlotWriter(string path, TimeSpan interval, IEnumerable<LossRecord>? earlierRecords = null) : ITrainingObserver
{
    private readonly List<LossRecord> _records = [.. earlierRecords ?? []];
    private readonly Throttle _throttle = new(interval);
    private long _drawnAt = -1;

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record) => _records.Add(record);

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        if (_throttle.Due())
            Draw();
    }

    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome)
    {
        if (_records.Count > 0 && _records[^1].Iteration != _drawnAt)
            Draw();
    }

    private void Draw()
    {
        AtomicFile.WriteAllBytes(path, LossPlot.ToPng(_records));
        _drawnAt = _records.Count > 0 ? _records[^1].Iteration : -1;
    }
}
