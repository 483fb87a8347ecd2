using TorchSharp;

namespace Adversa.Runtime;

/// <summary>Turns the user's <c>device</c> text into a TorchSharp device, or explains why it cannot be had.</summary>
public static class ComputeDevice
{
    /// <summary>Resolves <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public static torch.Device Resolve(string name)
    {
        var normalized = name.Trim().ToLowerInvariant();
        if (normalized == "cpu")
            return torch.CPU;
        if (normalized == "cuda" || normalized.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InvalidInputException("device", name,
                    "CUDA is not available here (this build uses TorchSharp-cpu; install TorchSharp-cuda-linux and an NVIDIA driver to train on a GPU)");
            var index = 0;
            if (normalized.Length > 4 && (!int.TryParse(normalized[5..], out index) || index < 0 || index >= torch.cuda.device_count()))
                throw new InvalidInputException("device", name, $"no such CUDA device (found {torch.cuda.device_count()})");
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new InvalidInputException("device", name, "expected cpu, cuda or cuda:N");
    }
}
