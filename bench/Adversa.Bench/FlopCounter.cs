using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>Counts the multiply-add work of a sequential network's convolutions from their shapes (2 FLOP per multiply-add).</summary>
public static class FlopCounter
{
    /// <summary>Forward FLOPs of <paramref name="network"/> on <paramref name="input"/> (whole batch), walking its layers in order.</summary>
    public static double ForwardFlops(Sequential network, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        double flops = 0;
        var x = input;
        foreach (var layer in network.children())
        {
            var output = ((nn.Module<Tensor, Tensor>)layer).forward(x);
            flops += layer switch
            {
                // Each output pixel of each output channel sums Cin*k*k products.
                Conv2d conv => 2.0 * conv.weight!.numel() * output.shape[2] * output.shape[3] * output.shape[0],
                // Each input pixel scatters Cin*Cout*k*k products.
                ConvTranspose2d deconv => 2.0 * deconv.weight!.numel() * x.shape[2] * x.shape[3] * x.shape[0],
                Linear linear => 2.0 * linear.weight!.numel() * x.shape[0],
                _ => 0,
            };
            x = output;
        }
        return flops;
    }
}
