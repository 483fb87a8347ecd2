using System.Text;
using SkiaSharp;

namespace Adversa.Tests.Data;

/// <summary>Writers for the small data files the loader tests read.</summary>
public static class DataFiles
{
    public static void Pgm(string path, int width, int height, byte[] pixels, int maxValue = 255, bool binary = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (binary)
            File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes($"P5\n# a comment\n{width} {height}\n{maxValue}\n"), .. pixels]);
        else
            File.WriteAllText(path, $"P2\n{width} {height}\n{maxValue}\n{string.Join(' ', pixels)}\n");
    }

    public static void Npy(string path, string descr, int[] shape, byte[] data, bool fortran = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shapeText}, }}";
        // Version 1.0 pads the header with spaces and a newline so that the data starts on a multiple of 64.
        var total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + (64 - total % 64) % 64) + "\n";
        var prefix = new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, (byte)(header.Length & 0xff), (byte)(header.Length >> 8) };
        File.WriteAllBytes(path, [.. prefix, .. Encoding.ASCII.GetBytes(header), .. data]);
    }

    public static byte[] Floats(IEnumerable<float> values) => [.. values.SelectMany(BitConverter.GetBytes)];

    public static void SolidPng(string path, int width, int height, SKColor color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
