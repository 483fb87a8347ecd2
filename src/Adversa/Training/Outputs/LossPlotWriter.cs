using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>losses.png (<see cref="LossPlot"/>), redrawn at every epoch end from every row logged, earlier sessions' included.</summary>
public sealed class LossPlotWriter(string path, IEnumerable<LossRecord>? earlierRecords = null) : ITrainingObserver
{
    private readonly List<LossRecord> _records = [.. earlierRecords ?? []];

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record) => _records.Add(record);

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => AtomicFile.WriteAllBytes(path, LossPlot.ToPng(_records));
}
