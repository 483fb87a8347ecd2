using Adversa.Evaluation;
using static TorchSharp.torch;

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

/// <summary>An epoch just completed: what observers write from it.</summary>
public sealed class EpochEnd : IDisposable
{
    private readonly Func<Tensor> _sample;
    private Tensor? _samples;
    private Imaging.GridImage? _grid;

    internal EpochEnd(int epoch, long iteration, Func<Tensor> sample, IReadOnlyList<NamedValue>? means = null)
    {
        Epoch = epoch;
        Iteration = iteration;
        _sample = sample;
        Means = means ?? [];
    }

    /// <summary>The epoch (1-based).</summary>
    public int Epoch { get; }

    /// <summary>Generator steps done.</summary>
    public long Iteration { get; }

    /// <summary>
    /// The means over this epoch's steps of <c>d_loss</c>, <c>g_loss</c> and every scalar logged (<c>score_real</c>, <c>score_fake</c>, <c>gp</c>...), in that order.
    /// </summary>
    public IReadOnlyList<NamedValue> Means { get; }

    /// <summary>The mean of the value named <paramref name="name"/> over this epoch, or null when none was logged.</summary>
    public double? Mean(string name) => Means.Where(m => m.Name == name).Select(m => (double?)m.Value).FirstOrDefault();

    /// <summary>Images from the run's fixed latent batch (inference mode, on the CPU), drawn when first asked for and shared by every observer.</summary>
    public Tensor Samples => _samples ??= _sample().DetachFromDisposeScope();

    /// <summary><see cref="Samples"/> as a PNG grid (<see cref="Imaging.ImageGrid.ToPng"/>), encoded when first asked for and shared by every observer.</summary>
    public byte[] SamplesPng => SamplesGrid.Png;

    internal Imaging.GridImage SamplesGrid => _grid ??= Imaging.ImageGrid.Encode(Samples);

    /// <summary>The metrics measured at this epoch, when an observer measured them (<see cref="Outputs.MetricsWriter"/>).</summary>
    public MetricResults? Metrics { get; set; }

    /// <inheritdoc />
    public void Dispose() => _samples?.Dispose();
}

/// <summary>Why training stopped.</summary>
public enum TrainingOutcome
{
    /// <summary>Every epoch is done.</summary>
    Completed,
    /// <summary>The cancellation token fired; the last completed epoch stands.</summary>
    Cancelled,
    /// <summary>A step stayed non-finite (<see cref="TrainingDivergedException"/>).</summary>
    Diverged,
}

/// <summary>
/// Receives a run's progress; every method does nothing unless implemented. The run directory's files
/// (<see cref="Outputs"/>) and the command line's progress bar are observers; attach the ones you want to
/// <see cref="GanTrainer.Observers"/>, in the order they should run. <see cref="OnStart"/>, <see cref="OnEpochEnd"/> and
/// <see cref="OnStop"/> each run in their own dispose scope: a tensor made there is freed when the call returns, unless
/// the observer keeps it with <c>DetachFromDisposeScope()</c> (and then disposes it itself).
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Before the first step.</summary>
    void OnStart(GanTrainer trainer, TrainingPlan plan) { }

    /// <summary>After each generator step.</summary>
    void OnIteration(GanTrainer trainer, LossRecord record) { }

    /// <summary>After each epoch's last step.</summary>
    void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) { }

    /// <summary>When training stops, for whatever reason.</summary>
    void OnStop(GanTrainer trainer, TrainingOutcome outcome) { }
}

/// <summary>How the trainer calls its observers outside the step.</summary>
internal static class ObserverCalls
{
    /// <summary>
    /// Calls <paramref name="call"/> on each observer inside its own dispose scope and garbage-collection pause.
    /// </summary>
    /// <remarks>
    /// Epoch-end outputs make tensors and never dispose some of them: TorchSharp 0.107's TensorBoard histogram makes a
    /// dozen per call and passes their handles to libtorch without keeping the objects alive. Left to the finalizer,
    /// such a tensor can be freed by a collection on another thread while libtorch still reads it: sngan-mnist-quick
    /// at two threads died so once, in searchsorted inside add_histogram after 5,100 steps. A scope holds them until the
    /// call returns and frees them then; the pause keeps collections, and so finalizers, away while it runs (as in
    /// <see cref="GanStep"/>), which also protects the numbers TorchSharp turns into native Scalars.
    /// </remarks>
    public static void Tell(this IEnumerable<ITrainingObserver> observers, Action<ITrainingObserver> call)
    {
        foreach (var observer in observers)
        {
            using var pause = Runtime.GarbageCollectionPause.Enter();
            using var scope = NewDisposeScope();
            call(observer);
        }
    }
}
