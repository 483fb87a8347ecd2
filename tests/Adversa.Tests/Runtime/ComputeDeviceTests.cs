using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Tests.Runtime;

public sealed class ComputeDeviceTests
{
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
