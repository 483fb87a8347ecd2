using Adversa.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>Whether a critic scores each image of a batch on its own, so that real and generated images can share one forward pass.</summary>
internal static class SampleCoupling
{
    // TorchSharp layers whose output for one sample depends on that sample alone.
    private static readonly HashSet<Type> PerSampleLayers =
    [
        typeof(Sequential), typeof(Linear), typeof(Convolution), typeof(GroupNorm), typeof(LayerNorm),
        typeof(LeakyReLU), typeof(ReLU), typeof(Tanh), typeof(Sigmoid), typeof(Identity), typeof(Flatten), typeof(ZeroPad2d),
        typeof(AvgPool2d), typeof(Upsample),
    ];

    /// <summary>
    /// True when every layer of <paramref name="critic"/> is Adversa's own (whose forward passes are known) or a
    /// TorchSharp layer that works per sample, and none couples samples: no batch norm, no minibatch layer, and no
    /// spectral norm (its power iteration advances once per forward pass, so two passes are not one).
    /// </summary>
    public static bool ScoresEachSampleAlone(nn.Module critic) => critic.modules().Prepend(critic).All(module => module switch
    {
        MinibatchLayer or SpectralNorm => false,
        _ when module.GetType().Assembly == typeof(SampleCoupling).Assembly => true,
        _ => PerSampleLayers.Any(type => type.IsInstanceOfType(module)),
    });
}
