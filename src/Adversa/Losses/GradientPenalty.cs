using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>
/// Gulrajani et al. 2017 (seeds 003, 004): x_hat = a*x + (1-a)*x_fake with a ~ U(0, 1) per sample;
/// penalty = weight * mean((||grad C(x_hat)||_2 - 1)^2), one norm per sample (seed 004) or, with
/// <see cref="GradientNormScope.Channel"/>, one per channel of each sample (seed 003's code).
/// </summary>
public sealed class GradientPenalty(double weight, GradientNormScope scope = GradientNormScope.Sample) : ICriticRegularizer
{
    /// <summary>Added under the square root of the gradient norm.</summary>
    public const double NormEpsilon = 1e-12;

    /// <summary>lambda (10 in the paper and both seeds).</summary>
    public double Weight { get; } = weight;

    /// <summary>What one norm is taken of.</summary>
    public GradientNormScope Scope { get; } = scope;

    /// <inheritdoc />
    public string Name => "gradient_penalty";

    /// <inheritdoc />
    public CriticPenalty Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake)
    {
        var alphaShape = new long[real.dim()];
        Array.Fill(alphaShape, 1L);
        alphaShape[0] = real.shape[0];
        var alpha = rand(alphaShape, dtype: real.dtype, device: real.device);
        var interpolated = alpha * real.detach() + (1 - alpha) * fake.detach();
        // sqrt(sum g^2 + eps): the plain norm's derivative is undefined (NaN) where a sample's gradient is exactly zero.
        var squared = Scope == GradientNormScope.Channel
            ? CriticInputGradient.SquaredChannelNorms(critic, interpolated)
            : CriticInputGradient.SquaredNorms(critic, interpolated);
        var norm = (squared + NormEpsilon).sqrt();
        var raw = (norm - 1).square().mean();
        return new CriticPenalty(raw * Weight, raw, "gp");
    }

    CriticPenalty? ICriticRegularizer.Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake) => Penalty(critic, real, fake);

    /// <inheritdoc />
    public void AfterCriticStep(nn.Module<Tensor, Tensor> critic) { }
}
