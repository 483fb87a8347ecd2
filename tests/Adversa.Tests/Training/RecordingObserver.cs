using Adversa.Training;

namespace Adversa.Tests.Training;

/// <summary>Keeps what a trainer tells its observers.</summary>
public sealed class RecordingObserver : ITrainingObserver
{
    public TrainingPlan? Plan { get; private set; }
    public List<LossRecord> Records { get; } = [];
    public List<int> Epochs { get; } = [];
    public List<TrainingOutcome> Stops { get; } = [];

    public void OnStart(GanTrainer trainer, TrainingPlan plan) => Plan = plan;
    public void OnIteration(GanTrainer trainer, LossRecord record) => Records.Add(record);
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => Epochs.Add(epoch.Epoch);
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome) => Stops.Add(outcome);
}
