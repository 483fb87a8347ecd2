using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>
/// A TorchScript module supplied by the user (an Inception-v3 exported with torch.jit.save, for instance the
/// one clean-fid and StyleGAN's metrics load): its <c>forward</c> receives float32 N x 3 x S x S images with
/// pixel values in [0, 255] (S is the input size, 299 for Inception) and returns N x D features
/// (N x D x 1 x 1 is flattened; of a tuple the first element is taken). No class probabilities, so no Inception
/// Score: export the logits as a separate module for that.
/// </summary>
public sealed class TorchScriptFeatureNetwork : IFeatureNetwork
{
    private readonly jit.ScriptModule _module;
    private readonly Device _device;
    private readonly int _inputSize;
    private readonly string _path;
    private readonly string _key;

    /// <summary>Loads <paramref name="path"/> onto <paramref name="device"/>; errors name the setting <paramref name="key"/>.</summary>
    public TorchScriptFeatureNetwork(string path, Device device, string key = "features", int inputSize = 299)
    {
        if (!File.Exists(path))
            throw new InvalidInputException(key, path, "file not found");
        try
        {
            _module = jit.load(path, device.type, device.index);
        }
        catch (Exception error) when (error is not InvalidInputException)
        {
            // libtorch's message goes on with a native backtrace: its first line says what went wrong.
            throw new InvalidInputException(key, path, $"not a TorchScript module libtorch can load ({NativeErrors.FirstLine(error)})", error);
        }
        _module.eval();
        _device = device;
        _inputSize = inputSize;
        _path = path;
        _key = key;
    }

    /// <inheritdoc />
    public string Name => $"TorchScript {Path.GetFileName(_path)} ({_inputSize}x{_inputSize} RGB input)";

    /// <inheritdoc />
    public bool HasClassProbabilities => false;

    /// <inheritdoc />
    public (Tensor Features, Tensor? Probabilities) Embed(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = (FeatureInput.Adapt(images.to(_device), 3, _inputSize) + 1) * 127.5;
        var output = _module.call(input) switch
        {
            Tensor single => single,
            object[] { Length: > 0 } tuple when tuple[0] is Tensor first => first,
            var other => throw new InvalidInputException(_key, _path, $"forward returned {other?.GetType().Name ?? "nothing"}, expected a tensor"),
        };
        if (output.dim() < 2 || output.shape[0] != images.shape[0])
            throw new InvalidInputException(_key, _path, $"forward returned shape [{string.Join(", ", output.shape)}], expected N x D");
        return (output.reshape(output.shape[0], -1).to_type(ScalarType.Float32).cpu().MoveToOuterDisposeScope(), null);
    }

    /// <inheritdoc />
    public void Dispose() => _module.Dispose();
}
