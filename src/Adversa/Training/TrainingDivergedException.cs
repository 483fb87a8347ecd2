namespace Adversa.Training;

/// <summary>A loss or its gradients stayed NaN or infinite: every later step would be meaningless, so training stops (a run directory keeps its last checkpoint).</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>The update of <paramref name="network"/> failed in all <paramref name="attempts"/> attempts.</summary>
    public TrainingDivergedException(string network, int attempts)
        : base($"the {network} loss or its gradients were NaN or infinite in {attempts} attempts")
    {
        Network = network;
    }

    private TrainingDivergedException(string message, TrainingDivergedException inner) : base(message, inner) => Network = inner.Network;

    /// <summary>critic or generator.</summary>
    public string Network { get; }

    /// <summary>Generator steps completed before the failed one.</summary>
    public long Iteration { get; private init; }

    /// <summary>The epoch of the failed step.</summary>
    public int Epoch { get; private init; }

    /// <summary>The same failure with <paramref name="note"/> (what a run directory kept, say) appended to its message.</summary>
    public TrainingDivergedException WithNote(string note) => new($"{Message}; {note}", this) { Iteration = Iteration, Epoch = Epoch };

    /// <summary>The same failure, placed at <paramref name="iteration"/> (steps done) of <paramref name="epoch"/>, with what to try.</summary>
    public TrainingDivergedException At(long iteration, int epoch) =>
        new($"training diverged at iteration {iteration + 1} (epoch {epoch}): {((Exception)this).Message}; if the losses were growing, try lower learning rates (g_lr, d_lr) " +
            $"or more critic steps (n_critic); if not, libtorch's oneDNN kernels may be faulting on this processor ({Runtime.NativeRuntimeSettings.IsaVariable} is {Runtime.NativeRuntimeSettings.EffectiveIsa ?? "unset"}; SSE41 is the slowest and safest)", this)
        {
            Iteration = iteration,
            Epoch = epoch,
        };
}
