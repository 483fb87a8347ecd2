using System.Buffers.Binary;
using System.IO.Compression;
using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>An array read from an IDX file (the MNIST / Fashion-MNIST format): unsigned bytes with their dimensions.</summary>
internal sealed record IdxFile(int[] Dimensions, byte[] Values)
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads a plain or gzip-compressed IDX file of unsigned bytes, validating the magic number, the dimensions and the length.</summary>
    public static IdxFile Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        byte[] content;
        try
        {
            content = ReadPossiblyCompressed(path);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidInputException($"{path}: corrupt gzip stream ({error.Message})", error);
        }
        return Parse(content, path);
    }

    /// <summary>Parses IDX bytes already in memory; <paramref name="path"/> only names the source in errors.</summary>
    public static IdxFile Parse(byte[] content, string path)
    {
        if (content.Length < 4 || content[0] != 0 || content[1] != 0)
            throw new InvalidInputException($"{path}: not an IDX file (the magic number must start with two zero bytes)");
        if (content[2] != UnsignedByteType)
            throw new InvalidInputException($"{path}: IDX element type 0x{content[2]:x2} is not supported (expected 0x08, unsigned bytes)");
        int dimensionCount = content[3];
        if (dimensionCount is < 1 or > 4)
            throw new InvalidInputException($"{path}: IDX file declares {dimensionCount} dimensions (expected 1 to 4)");
        var headerLength = 4 + 4 * dimensionCount;
        if (content.Length < headerLength)
            throw new InvalidInputException($"{path}: truncated IDX header ({content.Length} bytes, expected at least {headerLength})");
        var dimensions = new int[dimensionCount];
        long expected = 1;
        for (var d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(4 + 4 * d));
            if (dimensions[d] <= 0)
                throw new InvalidInputException($"{path}: IDX dimension {d} is {dimensions[d]} (must be positive)");
            // Past the file's own length the product cannot match it: stop before it overflows.
            expected = Math.Min(expected * dimensions[d], (long)int.MaxValue + 1);
        }
        var actual = content.Length - headerLength;
        if (actual != expected)
            throw new InvalidInputException(
                $"{path}: IDX data holds {actual} bytes but the dimensions {string.Join("x", dimensions)} need {expected}" +
                (actual < expected ? " (truncated file)" : " (trailing bytes)"));
        return new IdxFile(dimensions, content[headerLength..]);
    }

    private static byte[] ReadPossiblyCompressed(string path)
    {
        using var file = File.OpenRead(path);
        var first = file.ReadByte();
        var second = file.ReadByte();
        file.Position = 0;
        using var buffer = new MemoryStream();
        if (first == 0x1f && second == 0x8b)
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            gzip.CopyTo(buffer);
        }
        else
        {
            file.CopyTo(buffer);
        }
        return buffer.ToArray();
    }
}
