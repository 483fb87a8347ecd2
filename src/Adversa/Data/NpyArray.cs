using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>An array read from a NumPy .npy file (format versions 1 to 3; little-endian float32, float64 or uint8; C order), as scikit-learn saves olivetti_faces.npy.</summary>
internal sealed partial record NpyArray(int[] Shape, float[] Values)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads and validates an .npy file; errors name the file.</summary>
    public static NpyArray Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        var content = File.ReadAllBytes(path);
        var (shape, type, dataStart) = ParseHeader(content, path);
        var count = shape.Aggregate(1L, (product, d) => product * d);
        var data = content.AsSpan(dataStart);
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

    /// <summary>The shape and values of a float64 or float32 array in .npy bytes, in full precision; <paramref name="name"/> names it in errors.</summary>
    public static (int[] Shape, double[] Values) ReadDoubles(byte[] content, string name)
    {
        var (shape, type, dataStart) = ParseHeader(content, name);
        var itemSize = type switch
        {
            "<f8" => 8,
            "<f4" => 4,
            _ => throw new InvalidInputException($"{name}: .npy element type '{type}' is not supported here (expected <f8 or <f4)"),
        };
        var count = shape.Aggregate(1L, (product, d) => product * d);
        var data = content.AsSpan(dataStart);
        if (data.Length != count * itemSize)
            throw new InvalidInputException($"{name}: .npy data holds {data.Length} bytes but shape ({string.Join(", ", shape)}) needs {count * itemSize}");
        var values = new double[count];
        for (var i = 0; i < values.Length; i++)
            values[i] = itemSize == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]) : BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]);
        return (shape, values);
    }

    /// <summary>An .npy file (version 1.0, little-endian float64, C order) holding <paramref name="values"/> in <paramref name="shape"/>, as numpy.save writes it.</summary>
    public static byte[] EncodeDoubles(int[] shape, double[] values)
    {
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";
        // numpy pads the header with spaces and a newline so that the data starts on a 64-byte boundary.
        var unpadded = Magic.Length + 4 + header.Length + 1;
        header = header + new string(' ', (64 - unpadded % 64) % 64) + "\n";
        var bytes = new byte[Magic.Length + 4 + header.Length + values.Length * 8];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        Encoding.Latin1.GetBytes(header, bytes.AsSpan(10));
        var data = bytes.AsSpan(10 + header.Length);
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(data[(i * 8)..], values[i]);
        return bytes;
    }

    private static (int[] Shape, string Type, int DataStart) ParseHeader(byte[] content, string name)
    {
        if (content.Length < 10 || !content.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidInputException($"{name}: not a NumPy .npy file (bad magic number)");
        var major = content[6];
        var (headerLength, headerStart) = major switch
        {
            1 => (BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(8)), 10),
            2 or 3 when content.Length >= 12 => ((int)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(8)), 12),
            _ => throw new InvalidInputException($"{name}: .npy format version {major} is not supported"),
        };
        if (headerStart + headerLength > content.Length)
            throw new InvalidInputException($"{name}: truncated .npy header");
        var header = Encoding.Latin1.GetString(content, headerStart, headerLength);
        var descr = DescrPattern().Match(header);
        var shapeText = ShapePattern().Match(header);
        if (!descr.Success || !shapeText.Success)
            throw new InvalidInputException($"{name}: unreadable .npy header '{header.Trim()}'");
        if (FortranPattern().IsMatch(header))
            throw new InvalidInputException($"{name}: Fortran-ordered arrays are not supported (save with np.ascontiguousarray)");
        var fields = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new int[fields.Length];
        long count = 1;
        for (var i = 0; i < fields.Length; i++)
        {
            if (!int.TryParse(fields[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out shape[i]))
                throw new InvalidInputException($"{name}: .npy shape field '{fields[i]}' is not a size");
            // Past the file's own length the element count cannot match it: stop before the product overflows.
            count = Math.Min(count * shape[i], content.Length + 1L);
        }
        if (count > content.Length)
            throw new InvalidInputException($"{name}: .npy shape ({string.Join(", ", shape)}) holds more values than the file's {content.Length} bytes");
        return (shape, descr.Groups[1].Value, headerStart + headerLength);
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranPattern();
}
