using System.Globalization;
using Adversa.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Bench.Faults;

/// <summary>One convolution as a built-in network runs it: channels, kernel, stride, padding and the input's size.</summary>
/// <param name="Transposed">A transposed convolution.</param>
/// <param name="Batch">Images per batch.</param>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Size">Input height (= width).</param>
/// <param name="Kernel">Kernel height (= width).</param>
/// <param name="Stride">Stride.</param>
/// <param name="Padding">Zero padding on each side.</param>
/// <param name="OutputPadding">Transposed only: extra rows and columns of output.</param>
public sealed record ConvolutionShape(bool Transposed, long Batch, long InChannels, long OutChannels, long Size, long Kernel, long Stride, long Padding, long OutputPadding)
{
    /// <summary>oneDNN's problem descriptor style: mb4_ic3oc16_ih64kh4sh2ph1 (with "t" for transposed).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Transposed ? "deconv " : "conv ")}mb{Batch}_ic{InChannels}oc{OutChannels}_ih{Size}kh{Kernel}sh{Stride}ph{Padding}{(OutputPadding > 0 ? $"op{OutputPadding}" : "")}");

    /// <summary>
    /// Every distinct convolution the generator and critic of <paramref name="config"/> run on a batch of
    /// <paramref name="batch"/>, recorded by hooks during one forward pass of each.
    /// </summary>
    public static IReadOnlyList<ConvolutionShape> Of(TrainingConfig config, long batch)
    {
        var shapes = new List<ConvolutionShape>();
        // A conditional preset learns its number of classes from its data when training starts; no convolution's shape
        // depends on it (classes enter through embeddings and linear heads), so any count builds the same convolutions.
        using var components = GanComponents.FromConfig(config with { Device = "cpu", Classes = config.Condition == Models.Conditioning.None || config.Classes > 0 ? config.Classes : AnyClassCount });
        var hooks = new List<Action>();
        foreach (var network in new[] { components.Generator, components.Critic })
            foreach (var module in network.modules().OfType<nn.Module<Tensor, Tensor>>())
            {
                // A spectrally normalised convolution runs its inner layer's weight functionally, without calling it.
                var conv = module as Convolution ?? module.children().OfType<Convolution>().FirstOrDefault(_ => module is Models.SpectralNorm);
                if (conv is not null)
                    hooks.Add(module.register_forward_pre_hook((_, input) => { shapes.Add(Describe(conv, input)); return input; }).remove);
            }
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            components.Generator.eval();
            components.Critic.eval();
            var latents = components.Latent.Sample(batch, CPU);
            var images = components.Generator.call(latents);
            // A conditional critic judges images of the classes they were drawn as.
            using var condition = components.Latent.Classes > 0 ? Models.ClassConditionalCritics.Of(components.Critic)?.Condition(components.Latent.LabelsOf(latents)) : null;
            components.Critic.call(images);
        }
        foreach (var remove in hooks)
            remove();
        return [.. shapes.Distinct()];
    }

    private const int AnyClassCount = 10;

    private static ConvolutionShape Describe(Convolution conv, Tensor input) => new(conv.transposed, input.shape[0], conv.in_channels, conv.out_channels,
        input.shape[2], conv.kernel_size[0], conv.stride[0], conv.padding?[0] ?? 0, conv.transposed ? conv.output_padding[0] : 0);
}
