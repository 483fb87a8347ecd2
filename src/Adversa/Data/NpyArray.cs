using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>An array read from a NumPy .npy file (format versions 1 to 3; little-endian float32, float64 or uint8; C order), as scikit-learn saves olivetti_faces.npy.</summary>
public sealed partial record NpyArray(int[] Shape, float[] Values)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads and validates an .npy file; errors name the file.</summary>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        var content = File.ReadAllBytes(path);
        if (content.Length < 10 || !content.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidInputException($"{path}: not a NumPy .npy file (bad magic number)");
        var major = content[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(8)), 10),
            2 or 3 when content.Length >= 12 => ((int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(8)), 12),
            _ => throw new InvalidInputException($"{path}: .npy format version {major} is not supported"),
        };
        if (headerStart + headerLength > content.Length)
            throw new InvalidInputException($"{path}: truncated .npy header");
        var header = Encoding.Latin1.GetString(content, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var shapeText = ShapePattern().Match(header);
        if (!descr.Success || !shapeText.Success)
            throw new InvalidInputException($"{path}: unreadable .npy header '{header.Trim()}'");
        if (FortranPattern().IsMatch(header))
            throw new InvalidInputException($"{path}: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
        var shape = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var count = shape.Aggregate(1L, (product, d) => product * d);
        var data = content.AsSpan(headerStart + headerLength);
        var type = descr.Groups[1].Value;
        var itemSize = type switch
        {
            "<f4" => 4,
            "<f8" => 8,
            "|u1" or "<u1" => 1,
            _ => throw new InvalidInputException($"{path}: .npy element type '{type}' is not supported (expected <f4, <f8 or |u1)"),
        };
        if (data.Length != count * itemSize)
            throw new InvalidInputException($"{path}: .npy data holds {data.Length} bytes but shape ({string.Join(", ", shape)}) needs {count * itemSize}");
        var values = new float[count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = itemSize switch
            {
                4 => BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]),
                8 => (float)BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]),
                _ => data[i],
            };
        }
        return new NpyArray(shape, values);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();
}
