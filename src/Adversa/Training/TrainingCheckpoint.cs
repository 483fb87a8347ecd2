using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Adversa.Data;
using Adversa.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// last.ckpt: named sections (configuration, counters, both networks, both optimisers, the random
/// states, the fixed latent batch, the fingerprint of the training images) behind a magic number and version, closed by a SHA-256 of all that
/// precedes it, so a truncated or corrupted file is refused rather than half-loaded. Written atomically.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>Format version; bump when the sections change.</summary>
    public const int FormatVersion = 1;

    private const string GeneratorAverageSection = "generator_average";
    private const string DataSection = "data";
    private static readonly byte[] Magic = "ADVERSA\u001ACKPT"u8.ToArray();
    private readonly Dictionary<string, byte[]> _sections;

    private TrainingCheckpoint(string path, Dictionary<string, byte[]> sections)
    {
        Path = path;
        _sections = sections;
        Config = ReadSection("config", r => TrainingConfig.FromJson(Encoding.UTF8.GetString(r.ReadBytes((int)r.BaseStream.Length))));
        // A checksum proves the file is as written, not that what was written is sound: the frozen configuration
        // is checked as any other, before it sizes networks.
        try
        {
            // Its device need not be here: a run trained on a GPU samples on a CPU.
            ConfigValidation.Validate(Config, checkDevice: false);
        }
        catch (InvalidInputException invalid)
        {
            throw new InvalidInputException($"{path}: its frozen configuration is not valid ({invalid.Message})", invalid);
        }
        (Iteration, CompletedEpochs) = ReadSection("counters", r => (r.ReadInt64(), r.ReadInt32()));
        // Checkpoints of earlier versions have no fingerprint; they resume on whatever their data set now holds.
        Data = sections.ContainsKey(DataSection)
            ? ReadSection(DataSection, r => JsonSerializer.Deserialize<DataFingerprint>(r.ReadBytes((int)r.BaseStream.Length), ConfigJson.Options))
            : null;
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }
    /// <summary>The configuration of the run.</summary>
    public TrainingConfig Config { get; }
    /// <summary>Generator steps completed.</summary>
    public long Iteration { get; }
    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs { get; }

    /// <summary>The images the run trains on (null in checkpoints of versions that did not record them).</summary>
    public DataFingerprint? Data { get; }

    /// <summary>Writes a checkpoint atomically (temporary file, flush, rename).</summary>
    public static void Save(string path, TrainingState state)
    {
        var sections = new List<(string Name, Action<BinaryWriter> Write)>
        {
            ("config", w => w.Write(Encoding.UTF8.GetBytes(state.Config.ToJson()))),
            ("counters", w => { w.Write(state.Iteration); w.Write(state.CompletedEpochs); }),
            ("generator", w => state.Components.Generator.save(w)),
            ("critic", w => state.Components.Critic.save(w)),
            ("generator_optimizer", state.Components.GeneratorOptimizer.save_state_dict),
            ("critic_optimizer", state.Components.CriticOptimizer.save_state_dict),
            ("torch_rng", w => SaveTensor(torch.random.get_rng_state(), w)),
            ("sampler_rng", w => SaveTensor(state.SamplerState, w)),
            ("fixed_latent", w => SaveTensor(state.FixedLatent, w)),
            (DataSection, w => w.Write(JsonSerializer.SerializeToUtf8Bytes(state.Data, ConfigJson.Options))),
        };
        if (state.Components.GeneratorAverage is { } average)
            sections.Add((GeneratorAverageSection, w => average.Averaged.save(w)));
        // Straight into the file: staging the demonstration's 7 MB in growing memory streams first took 0.18 s an
        // epoch, this 0.04 s. Each section's length is filled in once it is written; the checksum reads the file back.
        AtomicFile.Write(path, stream =>
        {
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(sections.Count);
                foreach (var (name, write) in sections)
                {
                    // BinaryWriter keeps nothing back: the stream's position is where the next byte goes.
                    writer.Write(name);
                    var lengthAt = stream.Position;
                    writer.Write(0L);
                    write(writer);
                    var end = stream.Position;
                    stream.Position = lengthAt;
                    writer.Write(end - lengthAt - sizeof(long));
                    stream.Position = end;
                }
            }
            stream.Position = 0;
            var hash = SHA256.HashData(stream);
            stream.Write(hash);
        });
    }

    /// <summary>
    /// The last checkpoint of the run in <paramref name="runDirectory"/>, or the one kept at the end of
    /// <paramref name="epoch"/> (checkpoint_every); a missing directory or kept checkpoint is named as such.
    /// </summary>
    public static TrainingCheckpoint ReadRun(string runDirectory, int? epoch = null)
    {
        if (!Directory.Exists(runDirectory))
            throw new InvalidInputException($"{runDirectory}: run directory not found");
        var layout = new RunLayout(runDirectory);
        if (epoch is not { } kept)
            return Read(layout.LastCheckpointPath);
        if (File.Exists(layout.KeptCheckpointPath(kept)))
            return Read(layout.KeptCheckpointPath(kept));
        var available = Directory.Exists(layout.CheckpointsDirectory)
            ? Directory.GetFiles(layout.CheckpointsDirectory, "epoch_*.ckpt")
                .Select(file => int.TryParse(System.IO.Path.GetFileNameWithoutExtension(file)["epoch_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : -1)
                .Where(e => e >= 0).Order().ToList()
            : [];
        throw new InvalidInputException("epoch", kept.ToString(CultureInfo.InvariantCulture), $"{runDirectory} kept no checkpoint of that epoch " +
            (available.Count == 0 ? "(it kept none: set checkpoint_every to keep them)" : $"(it kept epochs {string.Join(", ", available)})"));
    }

    /// <summary>Reads and verifies a checkpoint; a missing, truncated or corrupted file is an <see cref="InvalidInputException"/> naming it.</summary>
    public static TrainingCheckpoint Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: checkpoint not found");
        var content = File.ReadAllBytes(path);
        const int hashLength = 32;
        if (content.Length < Magic.Length + 8 + hashLength || !content.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw new InvalidInputException($"{path}: not an Adversa checkpoint (bad magic number or truncated)");
        var bodyLength = content.Length - hashLength;
        if (!SHA256.HashData(content.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(content.AsSpan(bodyLength)))
            throw new InvalidInputException($"{path}: checkpoint is corrupt or truncated (checksum mismatch)");
        using var reader = new BinaryReader(new MemoryStream(content, 0, bodyLength), Encoding.UTF8);
        reader.ReadBytes(Magic.Length);
        var version = reader.ReadInt32();
        if (version != FormatVersion)
            throw new InvalidInputException($"{path}: checkpoint format version {version} is not supported (this build reads version {FormatVersion})");
        var count = reader.ReadInt32();
        var sections = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var length = reader.ReadInt64();
            sections[name] = reader.ReadBytes(checked((int)length));
        }
        return new TrainingCheckpoint(path, sections);
    }

    /// <summary>Loads the generator's weights.</summary>
    public void LoadGenerator(nn.Module generator) => ReadSection("generator", r => generator.load(r));

    /// <summary>Loads the critic's weights.</summary>
    public void LoadCritic(nn.Module critic) => ReadSection("critic", r => critic.load(r));

    /// <summary>Whether the run keeps an exponential moving average of the generator's weights.</summary>
    public bool HasGeneratorAverage => _sections.ContainsKey(GeneratorAverageSection);

    /// <summary>Loads the generator's weight average into <paramref name="generator"/>.</summary>
    public void LoadGeneratorAverage(nn.Module generator) => ReadSection(GeneratorAverageSection, r => generator.load(r));

    /// <summary>Restores everything a resumed run needs: networks (and the generator's weight average, when kept), optimisers and the libtorch random state; returns the sampler state and the fixed latent batch.</summary>
    public (Tensor SamplerState, Tensor FixedLatent) Restore(GanComponents components)
    {
        LoadGenerator(components.Generator);
        if (components.GeneratorAverage is { } average)
            LoadGeneratorAverage(average.Averaged);
        ReadSection("critic", r => components.Critic.load(r));
        ReadSection("generator_optimizer", r => { components.GeneratorOptimizer.load_state_dict(r); return 0; });
        ReadSection("critic_optimizer", r => { components.CriticOptimizer.load_state_dict(r); return 0; });
        torch.random.set_rng_state(ReadSection("torch_rng", Load));
        return (ReadSection("sampler_rng", Load), ReadFixedLatent());
    }

    /// <summary>The fixed latent batch of the run's sample grids.</summary>
    public Tensor ReadFixedLatent() => ReadSection("fixed_latent", Load);

    private T ReadSection<T>(string name, Func<BinaryReader, T> read)
    {
        if (!_sections.TryGetValue(name, out var bytes))
            throw new InvalidInputException($"{Path}: checkpoint has no '{name}' section");
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            return read(reader);
        }
        catch (Exception error) when (error is not InvalidInputException)
        {
            throw new InvalidInputException($"{Path}: checkpoint section '{name}' does not fit this configuration ({error.Message})", error);
        }
    }

    private static Tensor Load(BinaryReader reader) => TensorExtensionMethods.Load(reader);

    private static void SaveTensor(Tensor tensor, BinaryWriter writer)
    {
        using var onCpu = tensor.cpu();
        onCpu.Save(writer);
    }
}
