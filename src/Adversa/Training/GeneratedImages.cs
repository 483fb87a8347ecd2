using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>Images of a generator in batches, from latents drawn with their own seeded generator (a run's random sequence stays untouched).</summary>
internal static class GeneratedImages
{
    /// <summary>
    /// <paramref name="count"/> images of <paramref name="generator"/> (in inference mode already), on the CPU, in batches of
    /// <paramref name="batchSize"/> (each a new tensor for the caller to dispose); a conditional generator's of class
    /// <paramref name="classIndex"/> when given.
    /// </summary>
    public static IEnumerable<Tensor> Batches(nn.Module<Tensor, Tensor> generator, LatentSampler latent, Device device, long count, long seed, int batchSize, int? classIndex = null)
    {
        using var random = new Generator((ulong)seed);
        // The dispose scope must close before the yield: the caller's tensors would otherwise land in it.
        Tensor Next(long size)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var labels = classIndex is { } c ? latent.ConditionsOfClass(c, size, random) : null;
            return generator.forward(latent.Sample(size, device, random, labels)).cpu().MoveToOuterDisposeScope();
        }
        for (long done = 0; done < count; done += batchSize)
            yield return Next(Math.Min(batchSize, count - done));
    }
}
