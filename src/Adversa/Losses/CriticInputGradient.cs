using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>The critic's gradient with respect to its input, kept differentiable so that a penalty on it trains the critic (gradient penalty, R1).</summary>
public static class CriticInputGradient
{
    /// <summary>||grad_x C(x)||^2 per sample (N), the gradient flattened per sample, for inputs <paramref name="inputs"/> (N x ...).</summary>
    public static Tensor SquaredNorms(nn.Module<Tensor, Tensor> critic, Tensor inputs) =>
        Gradient(critic, inputs).flatten(1).square().sum(1);

    /// <summary>||grad_x C(x)||^2 per sample and channel (N x C), summed over the other axes, for inputs <paramref name="inputs"/> (N x C x ...).</summary>
    public static Tensor SquaredChannelNorms(nn.Module<Tensor, Tensor> critic, Tensor inputs) =>
        Gradient(critic, inputs).flatten(2).square().sum(2);

    private static Tensor Gradient(nn.Module<Tensor, Tensor> critic, Tensor inputs)
    {
        var x = inputs.detach().requires_grad_(true);
        Tensor scores;
        using (Models.Convolutions.DifferentiatedTwice())
            scores = critic.forward(x);
        // TorchSharp's create_graph does not imply retain_graph: both are needed to backpropagate through the penalty.
        return autograd.grad([scores], [x], [ones_like(scores)], retain_graph: true, create_graph: true)[0];
    }
}
