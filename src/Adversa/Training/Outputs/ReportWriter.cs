namespace Adversa.Training.Outputs;

/// <summary>report.html (<see cref="RunReport"/>), rebuilt from the run directory's files at every epoch end.</summary>
public sealed class ReportWriter(string runDirectory) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => RunReport.Write(runDirectory);
}
