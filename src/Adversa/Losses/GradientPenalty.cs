using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>
/// Gulrajani et al. 2017 (seeds 003, 004): x_hat = a*x + (1-a)*x_fake with a ~ U(0, 1) per sample;
/// penalty = weight * mean((||grad C(x_hat)||_2 - 1)^2), the gradient flattened per sample.
/// </summary>
public sealed class GradientPenalty(double weight) : ICriticRegularizer
{
    /// <summary>Added under the square root of the gradient norm.</summary>
    public const double NormEpsilon = 1e-12;

    /// <summary>lambda (10 in the paper and both seeds).</summary>
    public double Weight { get; } = weight;

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
        var norm = (CriticInputGradient.SquaredNorms(critic, interpolated) + NormEpsilon).sqrt();
        var raw = (norm - 1).square().mean();
        return new CriticPenalty(raw * Weight, raw, "gp");
    }

    CriticPenalty? ICriticRegularizer.Penalty(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor fake) => Penalty(critic, real, fake);

    /// <inheritdoc />
    public void AfterCriticStep(nn.Module<Tensor, Tensor> critic) { }
}
