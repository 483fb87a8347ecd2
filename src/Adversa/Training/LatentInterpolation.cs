using System.Text.Json.Serialization;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>How <see cref="LatentInterpolation"/> walks from one latent point to another.</summary>
public enum LatentPathKind
{
    /// <summary>(1 - t) a + t b: the straight line, which for a normal z passes through low-norm points the generator rarely saw.</summary>
    Linear,
    /// <summary>Spherical (slerp, White 2016): along the great circle between the directions of a and b, interpolating the norm too.</summary>
    [JsonStringEnumMemberName("slerp")]
    Spherical,
}

/// <summary>Paths between latent points (seed 002's walk through latent space).</summary>
public static class LatentInterpolation
{
    /// <summary>
    /// For each row pair of <paramref name="from"/> and <paramref name="to"/> (N x D), <paramref name="steps"/> points
    /// from the first to the second inclusive; the result is (N * steps) x D, row-major (the points of pair 0 first).
    /// </summary>
    public static Tensor Path(Tensor from, Tensor to, int steps, LatentPathKind mode)
    {
        if (steps < 2)
            throw new InvalidInputException("steps", steps.ToString(System.Globalization.CultureInfo.InvariantCulture), "a path needs at least 2 points");
        if (!from.shape.SequenceEqual(to.shape) || from.dim() != 2)
            throw new ArgumentException("both ends must be N x D with the same shape");
        using var scope = NewDisposeScope();
        var t = linspace(0, 1, steps, dtype: from.dtype, device: from.device).view(1, steps, 1); // 1 x S x 1
        var a = from.unsqueeze(1);                                                                 // N x 1 x D
        var b = to.unsqueeze(1);
        Tensor path;
        if (mode == LatentPathKind.Linear)
        {
            path = (1 - t) * a + t * b;
        }
        else
        {
            var cosine = nn.functional.cosine_similarity(from, to, dim: 1).clamp(-1, 1).view(-1, 1, 1); // N x 1 x 1
            var omega = cosine.acos();
            var sine = omega.sin();
            // Nearly parallel ends make sin(omega) vanish; slerp tends to the straight line there.
            var parallel = sine.abs() < 1e-6;
            var safeSine = where(parallel, ones_like(sine), sine);
            var spherical = ((1 - t) * omega).sin() / safeSine * a + (t * omega).sin() / safeSine * b;
            path = where(parallel, (1 - t) * a + t * b, spherical);
        }
        return path.reshape(-1, from.shape[1]).MoveToOuterDisposeScope();
    }
}
