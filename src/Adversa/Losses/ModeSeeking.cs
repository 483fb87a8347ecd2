using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>
/// Mode seeking (Mao et al. 2019, MSGAN): a generator term that makes images differ as much as their latents do, so a
/// generator cannot ignore z, as a class-conditional one tends to within each class. The generator's batch is drawn
/// as two halves paired row by row (the same class, independent z); the term is 1 / (d_image / d_z + 1e-5), where d is
/// the mean absolute difference of the pairs, which the paper's code adds to the generator's loss with weight 1.
/// </summary>
public static class ModeSeeking
{
    /// <summary>Keeps the term finite when the paired images are identical (the paper's code's value).</summary>
    public const double Epsilon = 1e-5;

    /// <summary>
    /// The term for <paramref name="images"/> (N x ...) drawn from <paramref name="z"/> (N x latent, without classes):
    /// rows i and N/2 + i are the pairs (an odd batch's last row is in none).
    /// </summary>
    public static Tensor Loss(Tensor images, Tensor z)
    {
        var pairs = images.shape[0] / 2;
        if (pairs == 0 || z.shape[0] != images.shape[0])
            throw new ArgumentException($"mode seeking pairs images with their latents: needs at least two of each, got {images.shape[0]} images and {z.shape[0]} latents");
        using var scope = NewDisposeScope();
        var imageDistance = MeanAbsoluteDifference(images, pairs);
        var latentDistance = MeanAbsoluteDifference(z, pairs);
        return (1 / (imageDistance / latentDistance + Epsilon)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Classes (N int64) for a batch of <paramref name="count"/> whose halves are pairs of one class: count / 2 drawn
    /// uniformly from <paramref name="classes"/> by libtorch's global generator, repeated, and for an odd count one more.
    /// </summary>
    public static Tensor PairedClasses(int classes, long count, Device device)
    {
        using var scope = NewDisposeScope();
        var half = randint(0, classes, [count / 2], dtype: ScalarType.Int64, device: device);
        var odd = randint(0, classes, [count % 2], dtype: ScalarType.Int64, device: device);
        return cat([half, half, odd]).MoveToOuterDisposeScope();
    }

    private static Tensor MeanAbsoluteDifference(Tensor batch, long pairs) =>
        (batch.narrow(0, 0, pairs) - batch.narrow(0, pairs, pairs)).abs().mean();
}
