using TorchSharp;

namespace Adversa.Runtime;

/// <summary>One seed for every random source a run uses, and the thread count of libtorch.</summary>
public static class Reproducibility
{
    /// <summary>Seeds libtorch's CPU and CUDA generators; all other randomness in Adversa is drawn from torch generators derived from this seed.</summary>
    public static void Seed(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
            torch.cuda.manual_seed_all(seed);
    }

    /// <summary>
    /// Runs <paramref name="work"/> and then puts libtorch's global random state back as it was, so that work beside a
    /// run (building a feature network draws initial weights before loading its own) leaves the run's sequence alone.
    /// </summary>
    public static T PreservingRandomState<T>(Func<T> work)
    {
        using var state = torch.random.get_rng_state();
        try
        {
            return work();
        }
        finally
        {
            torch.random.set_rng_state(state);
        }
    }

    /// <summary>Sets libtorch's intra-op thread count; 0 keeps libtorch's default (one per core).</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 0)
            throw new InvalidInputException("threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "expected 0 (all cores) or a positive count");
        if (threads > 0)
            torch.set_num_threads(threads);
    }
}
