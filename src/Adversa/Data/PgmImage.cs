using System.Text;
using Adversa.Runtime;

namespace Adversa.Data;

/// <summary>A grey image read from a PGM file (binary P5 or text P2, up to 8 bits), the format of the AT&amp;T Olivetti faces.</summary>
internal sealed record PgmImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>Reads and validates a PGM file; errors name the file.</summary>
    public static PgmImage Read(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: file not found");
        var content = File.ReadAllBytes(path);
        var position = 0;
        var magic = NextToken(content, ref position, path);
        if (magic is not ("P5" or "P2"))
            throw new InvalidInputException($"{path}: not a PGM file (magic '{magic}', expected P5 or P2)");
        var width = NextNumber(content, ref position, path, "width");
        var height = NextNumber(content, ref position, path, "height");
        var maxValue = NextNumber(content, ref position, path, "maximum value");
        if (width <= 0 || height <= 0 || maxValue is <= 0 or > 255)
            throw new InvalidInputException($"{path}: unsupported PGM header {width}x{height}, maximum {maxValue} (8-bit grey only)");
        // Each pixel takes a byte (P5) or at least two characters (P2): a header asking for more than the file holds is refused before allocating.
        if ((long)width * height > content.Length - position)
            throw new InvalidInputException($"{path}: PGM header says {width}x{height} pixels but the file holds {content.Length} bytes (truncated or damaged)");
        var pixels = new byte[width * height];
        if (magic == "P5")
        {
            position++; // exactly one whitespace byte separates the header from binary data
            if (content.Length - position < pixels.Length)
                throw new InvalidInputException($"{path}: truncated PGM data ({content.Length - position} bytes, expected {pixels.Length})");
            Array.Copy(content, position, pixels, 0, pixels.Length);
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = (byte)NextNumber(content, ref position, path, "pixel");
        }
        if (maxValue != 255)
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = (byte)Math.Round(pixels[i] * 255.0 / maxValue);
        return new PgmImage(width, height, pixels);
    }

    private static int NextNumber(byte[] content, ref int position, string path, string what) =>
        int.TryParse(NextToken(content, ref position, path), out var value)
            ? value
            : throw new InvalidInputException($"{path}: bad PGM {what}");

    private static string NextToken(byte[] content, ref int position, string path)
    {
        while (position < content.Length && (char.IsWhiteSpace((char)content[position]) || content[position] == '#'))
        {
            if (content[position] == '#')
                while (position < content.Length && content[position] != '\n')
                    position++;
            else
                position++;
        }
        var start = position;
        while (position < content.Length && !char.IsWhiteSpace((char)content[position]))
            position++;
        if (start == position)
            throw new InvalidInputException($"{path}: truncated PGM header");
        return Encoding.ASCII.GetString(content, start, position - start);
    }
}
