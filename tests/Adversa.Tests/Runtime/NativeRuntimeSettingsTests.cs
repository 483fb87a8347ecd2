using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Tests.Runtime;

public sealed class NativeRuntimeSettingsTests
{
    [Fact]
    public void The_oneDNN_cap_reaches_both_the_native_and_the_managed_environment()
    {
        // TestSetup capped it at SSE41 before libtorch loaded; child processes read the managed copy.
        Assert.Equal("SSE41", NativeRuntimeSettings.EffectiveIsa);
        Assert.Equal("SSE41", Environment.GetEnvironmentVariable(NativeRuntimeSettings.IsaVariable));
    }

    [Fact]
    public void Convolution_input_gradients_stay_finite_on_two_threads()
    {
        // The shape that returned NaN input gradients with oneDNN's AVX-512 kernels on two threads (9 to 27 in 150).
        var nonFinite = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            using var scope = NewDisposeScope();
            manual_seed(trial);
            using var conv = nn.Conv2d(3, 8, 3, stride: 1, padding: 1L);
            var input = randn(4, 3, 64, 64).requires_grad_(true);
            conv.forward(input).mean().backward();
            if (!input.grad!.isfinite().all().item<bool>())
                nonFinite++;
        }
        Assert.Equal(0, nonFinite);
    }

    [Fact]
    public void Cuda_is_refused_with_a_clear_message_when_absent()
    {
        if (cuda.is_available())
            return; // this check is about machines without CUDA
        var error = Assert.Throws<InvalidInputException>(() => ComputeDevice.Resolve("cuda"));
        Assert.Equal(("device", "cuda"), (error.Setting, error.Value));
        Assert.Throws<InvalidInputException>(() => ComputeDevice.Resolve("tpu"));
        Assert.Equal(TorchSharp.DeviceType.CPU, ComputeDevice.Resolve("cpu").type);
    }
}
