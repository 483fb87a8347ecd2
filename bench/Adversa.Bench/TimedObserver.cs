using System.Diagnostics;
using Adversa.Training;

namespace Adversa.Bench;

/// <summary>Wraps an observer and adds up the time it takes, per kind of call: what each output costs a run.</summary>
public sealed class TimedObserver(ITrainingObserver inner) : ITrainingObserver, IDisposable
{
    /// <summary>The observer measured.</summary>
    public ITrainingObserver Inner { get; } = inner;

    /// <summary>Seconds spent after steps.</summary>
    public double IterationSeconds { get; private set; }

    /// <summary>Seconds spent at epoch ends.</summary>
    public double EpochEndSeconds { get; private set; }

    /// <summary>Seconds spent in all calls.</summary>
    public double TotalSeconds => IterationSeconds + EpochEndSeconds;

    /// <summary>Epoch ends seen.</summary>
    public int EpochEnds { get; private set; }

    /// <inheritdoc />
    public void OnStart(GanTrainer trainer, TrainingPlan plan) => Inner.OnStart(trainer, plan);

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record) => IterationSeconds += Time(() => Inner.OnIteration(trainer, record));

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        EpochEndSeconds += Time(() => Inner.OnEpochEnd(trainer, epoch));
        EpochEnds++;
    }

    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome) => Inner.OnStop(trainer, outcome);

    /// <inheritdoc />
    public void Dispose() => (Inner as IDisposable)?.Dispose();

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
