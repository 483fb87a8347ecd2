using System.Runtime;

namespace Adversa.Runtime;

/// <summary>
/// Keeps the .NET garbage collector from running during a stretch of TorchSharp calls (a training step).
/// </summary>
/// <remarks>
/// TorchSharp 0.107's operators turn numbers into native Scalars that only its finalizer frees. When a GC
/// (set off by any thread) finds such a Scalar unreachable while the native call that reads it is still
/// running, libtorch reads freed memory: seen here as "Expected false to be true ... toFloat" thrown
/// from add() after a few hundred WGAN-GP steps. With no GC during the step, the temporaries are only
/// collected between steps, when nothing uses them. If the step allocates more than the budget, the
/// runtime ends the pause early and collects as usual.
/// </remarks>
internal readonly struct GarbageCollectionPause : IDisposable
{
    private readonly bool _started;

    private GarbageCollectionPause(bool started) => _started = started;

    /// <summary>Managed bytes a step may allocate before the runtime collects anyway.</summary>
    public const long DefaultBudget = 64L * 1024 * 1024;

    /// <summary>Starts a pause (or does nothing where the runtime refuses one, e.g. inside another pause).</summary>
    public static GarbageCollectionPause Enter(long budget = DefaultBudget)
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            return new GarbageCollectionPause(false);
        try
        {
            return new GarbageCollectionPause(GC.TryStartNoGCRegion(budget));
        }
        catch (ArgumentOutOfRangeException)
        {
            return new GarbageCollectionPause(false);
        }
    }

    /// <summary>Ends the pause if it is still in force.</summary>
    public void Dispose()
    {
        if (_started && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            GC.EndNoGCRegion();
    }
}
