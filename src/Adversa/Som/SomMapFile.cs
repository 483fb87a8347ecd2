using System.Text;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Som;

/// <summary>map.som: a <see cref="SelfOrganizingMap"/> on disk.</summary>
internal static class SomMapFile
{
    /// <summary>Version of the saved-map format.</summary>
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "ADVERSA\u001ASOM"u8.ToArray();

    /// <summary>
    /// Writes the map: magic "ADVERSA\x1ASOM", format version (int32), the configuration as UTF-8 JSON
    /// (length-prefixed), epochs done (int64), units and dim (int32 each), then the weights as little-endian
    /// float32, unit by unit. Written atomically.
    /// </summary>
    public static void Save(SelfOrganizingMap map, string path)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("saved maps are little-endian");
        using var cpu = map.Weights.cpu().contiguous();
        var values = cpu.data<float>().ToArray();
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(map.Config.ToJson());
            writer.Write(map.EpochsDone);
            writer.Write(map.Grid.Units);
            writer.Write(map.InputDim);
            var bytes = new byte[values.Length * sizeof(float)];
            Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
            writer.Write(bytes);
        });
    }

    /// <summary>Reads a map written by <see cref="Save"/>; a wrong or damaged file is an <see cref="InvalidInputException"/> naming it.</summary>
    public static SelfOrganizingMap Load(string path, string? device = null)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: map file not found");
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).SequenceEqual(Magic))
                throw new InvalidInputException($"{path}: not an Adversa map (bad magic number)");
            var version = reader.ReadInt32();
            if (version != FormatVersion)
                throw new InvalidInputException($"{path}: map format version {version} is not supported (this build reads version {FormatVersion})");
            var config = SomConfig.FromJson(reader.ReadString());
            if (device is not null)
                config = config with { Device = device };
            try
            {
                SomValidation.Validate(config);
            }
            catch (InvalidInputException invalid)
            {
                throw new InvalidInputException($"{path}: its configuration is not valid ({invalid.Message})", invalid);
            }
            var epochs = reader.ReadInt64();
            var units = reader.ReadInt32();
            var dim = reader.ReadInt32();
            // The weights must be in the file: sizes beyond what it holds are damage, refused before allocating.
            var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
            if (epochs < 0 || units != (long)config.Rows * config.Columns || dim < 1 || (long)units * dim * sizeof(float) != remaining)
                throw new InvalidInputException($"{path}: header says {units} units of {dim} values after {epochs} epochs, which does not fit its configuration ({config.Rows}x{config.Columns}) and {remaining} bytes of weights");
            var map = new SelfOrganizingMap(config, dim);
            var bytes = reader.ReadBytes(units * dim * sizeof(float));
            if (bytes.Length != units * dim * sizeof(float) || reader.BaseStream.Position != reader.BaseStream.Length)
                throw new InvalidInputException($"{path}: truncated or trailing bytes after the weights");
            var values = new float[units * dim];
            Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
            map.ReplaceWeights(tensor(values, [units, dim], device: map.Device));
            map.EpochsDone = epochs;
            return map;
        }
        catch (Exception error) when (error is EndOfStreamException or System.Text.Json.JsonException)
        {
            throw new InvalidInputException($"{path}: truncated or damaged map ({error.Message})", error);
        }
    }
}
