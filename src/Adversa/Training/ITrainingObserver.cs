namespace Adversa.Training;

/// <summary>The shape of a training run, announced before the first step.</summary>
/// <param name="FirstEpoch">The epoch training starts at (greater than 1 after a resume).</param>
/// <param name="Epochs">The last epoch.</param>
/// <param name="IterationsPerEpoch">Generator steps per epoch.</param>
/// <param name="StartIteration">Generator steps already done.</param>
public sealed record TrainingPlan(int FirstEpoch, int Epochs, long IterationsPerEpoch, long StartIteration)
{
    /// <summary>Generator steps when the run completes.</summary>
    public long TotalIterations => Epochs * IterationsPerEpoch;
}

/// <summary>Receives a run's progress (the command line draws a progress bar from it).</summary>
public interface ITrainingObserver
{
    /// <summary>Before the first step.</summary>
    void OnStart(TrainingPlan plan);

    /// <summary>After each generator step.</summary>
    void OnIteration(LossRecord record);

    /// <summary>After an epoch's grid, checkpoint and plot are written.</summary>
    void OnEpochEnd(int epoch, string sampleGridPath);
}
