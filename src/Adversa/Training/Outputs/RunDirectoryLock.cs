using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>Holds a run directory's <see cref="RunLock"/> for as long as its trainer lives (disposed with it).</summary>
internal sealed class RunDirectoryLock(RunLock held) : ITrainingObserver, IDisposable
{
    /// <inheritdoc />
    public void Dispose() => held.Dispose();
}
