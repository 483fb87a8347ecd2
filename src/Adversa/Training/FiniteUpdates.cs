using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// Applies optimiser updates only when their loss and gradients are finite, and recomputes an update that was not:
/// libtorch's oneDNN kernels can emit NaN on some processors, and one such step would poison Adam's moments for good.
/// </summary>
/// <param name="buffers">The networks' buffers (batch-norm running statistics), restored before each recomputation.</param>
internal sealed class FiniteUpdates(Tensor[] buffers)
{
    /// <summary>An update whose loss or gradients are not finite is recomputed at most this many times.</summary>
    public const int MaxRetries = 10;

    /// <summary>Updates recomputed so far.</summary>
    public long Recomputed { get; private set; }

    /// <summary>
    /// Runs <paramref name="update"/> (null: not finite) until it succeeds, each time from the same libtorch random state
    /// and buffers (which a failed attempt's forward passes already updated), so a transient kernel fault leaves no
    /// trace: the run stays what its seed makes it.
    /// </summary>
    public T Run<T>(string network, Func<T?> update) where T : class
    {
        using var randomState = torch.random.get_rng_state();
        var savedBuffers = buffers.Select(b => b.clone()).ToArray();
        for (var attempt = 0; attempt <= MaxRetries; attempt++)
        {
            if (attempt > 0)
            {
                torch.random.set_rng_state(randomState);
                using var noGrad = no_grad();
                for (var i = 0; i < buffers.Length; i++)
                    buffers[i].copy_(savedBuffers[i]);
            }
            if (update() is { } result)
                return result;
            Recomputed++;
        }
        throw new TrainingDivergedException(network, MaxRetries + 1);
    }

    /// <summary>
    /// Backpropagates <paramref name="loss"/> into the optimiser's weights alone (autograd then skips a penalty's path on
    /// into its images) and steps only if the loss and all gradients are finite; false, with the gradients cleared, if not.
    /// </summary>
    public static bool TryApply(Tensor loss, OptimizerHelper optimizer)
    {
        if (!loss.isfinite().item<bool>())
            return false;
        Parameter[] parameters = [.. optimizer.parameters().Where(p => p.requires_grad)];
        loss.backward(inputs: parameters);
        var gradientsFinite = stack(parameters.Where(p => p.grad is not null).Select(p => p.grad!.isfinite().all()).ToArray()).all().item<bool>();
        if (!gradientsFinite)
        {
            optimizer.zero_grad();
            return false;
        }
        optimizer.step();
        return true;
    }
}
