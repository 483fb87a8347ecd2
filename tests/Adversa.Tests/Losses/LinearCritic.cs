using static TorchSharp.torch;

namespace Adversa.Tests.Losses;

/// <summary>C(x) = w . x + bias: its gradient is w everywhere, which makes penalties computable by hand.</summary>
public static class LinearCritic
{
    public static nn.Module<Tensor, Tensor> With(float[] weights, float bias = 0)
    {
        var critic = nn.Linear(weights.Length, 1);
        using (no_grad())
        {
            critic.weight!.copy_(tensor(weights).reshape(1, weights.Length));
            critic.bias!.fill_(bias);
        }
        return critic;
    }

    public static float[] WeightGradient(nn.Module<Tensor, Tensor> critic) =>
        critic.parameters().First().grad!.data<float>().ToArray();
}
