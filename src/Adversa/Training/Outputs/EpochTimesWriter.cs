using System.Diagnostics;

namespace Adversa.Training.Outputs;

/// <summary>epochs.csv (<see cref="EpochTimes"/>): when each epoch ended, the training wall time so far (summed over resumed sessions), and the epoch's mean losses and critic scores.</summary>
public sealed class EpochTimesWriter(string path) : ITrainingObserver
{
    private readonly Stopwatch _session = new();
    private double _secondsBefore;

    /// <inheritdoc />
    public void OnStart(GanTrainer trainer, TrainingPlan plan)
    {
        _secondsBefore = EpochTimes.Read(path).LastOrDefault(t => t.Epoch <= trainer.CompletedEpochs)?.Seconds ?? 0;
        _session.Restart();
    }

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) =>
        EpochTimes.Append(path, new EpochTime(epoch.Epoch, epoch.Iteration, _secondsBefore + _session.Elapsed.TotalSeconds, DateTimeOffset.UtcNow,
            [.. EpochTime.MeanColumns.Select(epoch.Mean)]));
}
