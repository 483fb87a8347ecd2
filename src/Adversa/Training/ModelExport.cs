using System.Collections;
using System.Globalization;
using Adversa.Models;
using Adversa.Runtime;
using Google.Protobuf;
using Onnx;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>File formats a trained network is exported to.</summary>
public enum ExportFormat
{
    /// <summary>An ONNX inference graph (opset 17), batch norm folded: runs in ONNX Runtime without Adversa or libtorch.</summary>
    Onnx,
    /// <summary>The state dict as safetensors, under names a PyTorch module of python/adversa_models.py loads.</summary>
    Safetensors,
    /// <summary>The state dict as PyTorch's zip-format .pth (torch.load), under the same names.</summary>
    Pth,
}

/// <summary>Which network of a run to export.</summary>
public enum ExportedNetwork
{
    /// <summary>The generator (its weight average when the run keeps one).</summary>
    Generator,
    /// <summary>The critic (discriminator).</summary>
    Critic,
}

/// <summary>
/// Takes a trained network elsewhere: ONNX for ONNX Runtime, safetensors and .pth for PyTorch (through
/// TorchSharp.PyBridge), and back (<see cref="LoadWeights"/>, the <c>init_from</c> setting). Parameter names are the
/// network's own with each part's leading underscore dropped (<c>_layers.0.weight</c> is <c>layers.0.weight</c>), as
/// a PyTorch module would name them.
/// </summary>
public static class ModelExport
{
    /// <summary>The format a file name asks for: .onnx, .safetensors, .pth or .pt.</summary>
    public static ExportFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".onnx" => ExportFormat.Onnx,
        ".safetensors" => ExportFormat.Safetensors,
        ".pth" or ".pt" => ExportFormat.Pth,
        _ => throw new InvalidInputException("out", path, "name a .onnx, .safetensors or .pth file"),
    };

    /// <summary>Writes <paramref name="network"/> of the run in <paramref name="runDirectory"/> to <paramref name="path"/> (atomically) as <paramref name="format"/>.</summary>
    public static void Export(string runDirectory, string path, ExportFormat format, ExportedNetwork network = ExportedNetwork.Generator)
    {
        OutputPath.CheckFile(path, "out");
        var checkpoint = TrainingCheckpoint.ReadRun(runDirectory);
        var config = checkpoint.Config;
        using var module = network == ExportedNetwork.Generator ? NetworkFactory.CreateGenerator(config) : NetworkFactory.CreateCritic(config);
        if (network == ExportedNetwork.Critic)
            checkpoint.LoadCritic(module);
        else if (checkpoint.HasGeneratorAverage)
            checkpoint.LoadGeneratorAverage(module);
        else
            checkpoint.LoadGenerator(module);
        module.eval();
        try
        {
            Write(module, config, path, format);
        }
        catch (NotSupportedException unsupported)
        {
            throw new InvalidInputException("network", ConfigEnum.NameOf(network), $"{unsupported.Message}; export it as safetensors or pth", unsupported);
        }
    }

    /// <summary>
    /// Writes <paramref name="module"/> (a generator or a <see cref="Critic"/> built from <paramref name="config"/>, in
    /// inference mode) to <paramref name="path"/> as <paramref name="format"/>. ONNX of a layer it cannot express
    /// (a critic's minibatch layer) is a <see cref="NotSupportedException"/>.
    /// </summary>
    public static void Write(nn.Module<Tensor, Tensor> module, TrainingConfig config, string path, ExportFormat format)
    {
        if (format == ExportFormat.Onnx)
        {
            var model = ToOnnx(module, config);
            AtomicFile.Write(path, stream => model.WriteTo(stream));
            return;
        }
        using var scope = NewDisposeScope();
        var weights = PortableStateDict(module);
        AtomicFile.Write(path, stream =>
        {
            if (format == ExportFormat.Safetensors)
                Safetensors.SaveStateDict(stream, weights, leaveOpen: true);
            else
                PyTorchPickler.PickleStateDict(stream, weights, leaveOpen: true);
        });
    }

    /// <summary>
    /// Loads the weights in <paramref name="path"/> (.safetensors, or .pth/.pt from torch.save of a state dict) into
    /// <paramref name="module"/>; the first parameter missing, extra or of another shape is an error naming it.
    /// </summary>
    public static void LoadWeights(nn.Module module, string path, string setting = "init_from")
    {
        if (!File.Exists(path))
            throw new InvalidInputException(setting, path, "file not found");
        using var scope = NewDisposeScope();
        Dictionary<string, Tensor> stored;
        try
        {
            stored = FormatOf(path) switch
            {
                ExportFormat.Safetensors => Safetensors.LoadStateDict(path),
                ExportFormat.Pth => PyTorchUnpickler.UnpickleStateDict(path).Cast<DictionaryEntry>()
                    .Where(entry => entry.Value is Tensor).ToDictionary(entry => (string)entry.Key, entry => (Tensor)entry.Value!),
                _ => throw new InvalidInputException(setting, path, "weights must be a .safetensors or .pth file"),
            };
        }
        catch (Exception e) when (e is not InvalidInputException and (IOException or InvalidDataException or FormatException or NotSupportedException or NotImplementedException or InvalidOperationException or ArgumentException))
        {
            throw new InvalidInputException(setting, path, $"cannot be read as weights ({e.Message})", e);
        }
        var targets = module.state_dict();
        foreach (var (name, target) in targets)
        {
            var portable = PortableName(name);
            if (!stored.TryGetValue(portable, out var source))
                throw new InvalidInputException(setting, path, $"has no parameter {portable} (the network's is {Shape(target)})");
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidInputException(setting, path, $"parameter {portable} is {Shape(source)} there, {Shape(target)} in the network");
        }
        var expected = targets.Keys.Select(PortableName).ToHashSet();
        if (stored.Keys.FirstOrDefault(name => !expected.Contains(name)) is { } extra)
            throw new InvalidInputException(setting, path, $"has a parameter {extra} the network lacks");
        using (no_grad())
            foreach (var (name, target) in targets)
                target.copy_(stored[PortableName(name)].to(target.dtype));
    }

    /// <summary>The network's state dict (parameters and batch-norm statistics) under PyTorch-style names, on the CPU.</summary>
    public static Dictionary<string, Tensor> PortableStateDict(nn.Module module) =>
        module.state_dict().ToDictionary(entry => PortableName(entry.Key), entry => entry.Value.detach().cpu().contiguous());

    /// <summary><c>_blocks.0._residual.0.conv.weight</c> becomes <c>blocks.0.residual.0.conv.weight</c>.</summary>
    public static string PortableName(string name) => string.Join('.', name.Split('.').Select(part => part.TrimStart('_')));

    // A generator maps 'latent' (N x latent_dim) to 'images' (N x C x H x W); a critic 'images' to 'scores' (N).
    internal static ModelProto ToOnnx(nn.Module<Tensor, Tensor> network, TrainingConfig config)
    {
        if (network is not IOnnxExportable)
            throw new NotSupportedException($"ONNX export of a {network.GetType().Name}");
        var graph = new OnnxGraph();
        long[] imageShape = [config.ImageChannels, config.ImageSize, config.ImageSize];
        var critic = network is Critic;
        if (critic)
            graph.Output(graph.Add(network, graph.Input("images", imageShape)), "scores");
        else
            graph.Output(graph.Add(network, graph.Input("latent", config.LatentDim)), "images", imageShape);
        var shapes = $"{config.ImageChannels} x {config.ImageSize} x {config.ImageSize}";
        var model = graph.ToModel(typeof(ModelExport).Assembly.GetName().Version?.ToString() ?? "0", critic
            ? $"Adversa critic of preset {config.Preset}: images N x {shapes} in [-1, 1] to one raw score each"
            : $"Adversa generator of preset {config.Preset}: latent N x {config.LatentDim} ({config.LatentDistribution}) to images N x {shapes} in [-1, 1]");
        foreach (var (key, value) in new[]
        {
            ("preset", config.Preset), ("latent_dim", config.LatentDim.ToString(CultureInfo.InvariantCulture)),
            ("latent_distribution", ConfigEnum.NameOf(config.LatentDistribution)), ("image_channels", config.ImageChannels.ToString(CultureInfo.InvariantCulture)),
            ("image_size", config.ImageSize.ToString(CultureInfo.InvariantCulture)),
        })
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    private static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
