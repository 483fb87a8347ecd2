using System.Text;
using System.Text.Json;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>What a saved feature classifier is and how good it is.</summary>
/// <param name="Name">Short name (the data set it was trained on).</param>
/// <param name="Channels">Input channels.</param>
/// <param name="ImageSize">Input side in pixels.</param>
/// <param name="ClassNames">Names of the output classes, in order.</param>
/// <param name="TrainImages">Images it was trained on.</param>
/// <param name="TestImages">Held-out images its accuracy was measured on.</param>
/// <param name="TestAccuracy">Fraction of <paramref name="TestImages"/> classified correctly.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="Seed">The seed that reproduces it.</param>
/// <param name="Retrain">The command that retrains it.</param>
public sealed record ClassifierDescription(
    string Name, int Channels, int ImageSize, string[] ClassNames, long TrainImages, long TestImages,
    double TestAccuracy, int Epochs, long Seed, string Retrain);

/// <summary>
/// A feature classifier on disk: a magic number, the <see cref="ClassifierDescription"/> as JSON, then the
/// network's weights in TorchSharp's format. Written atomically.
/// </summary>
public static class ClassifierFile
{
    private static readonly byte[] Magic = "ADVERSA\u001ACLSF1"u8.ToArray();

    /// <summary>Writes <paramref name="classifier"/> and its description to <paramref name="path"/>.</summary>
    public static void Save(string path, ImageClassifier classifier, ClassifierDescription description) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(description, ConfigJson.Options));
            classifier.save(writer);
        });

    /// <summary>Reads a classifier written by <see cref="Save"/> (in inference mode).</summary>
    public static (ImageClassifier Classifier, ClassifierDescription Description) Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: classifier file not found");
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>Reads a classifier from <paramref name="stream"/>; <paramref name="shownName"/> names it in errors.</summary>
    public static (ImageClassifier Classifier, ClassifierDescription Description) Load(Stream stream, string shownName)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        ClassifierDescription description;
        try
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                throw new InvalidInputException($"{shownName}: not an Adversa classifier file (bad magic number)");
            description = JsonSerializer.Deserialize<ClassifierDescription>(reader.ReadString(), ConfigJson.Options)
                ?? throw new InvalidInputException($"{shownName}: empty classifier description");
        }
        catch (Exception error) when (error is EndOfStreamException or JsonException)
        {
            throw new InvalidInputException($"{shownName}: truncated or unreadable classifier file ({error.Message})", error);
        }
        var classifier = new ImageClassifier(description.Channels, description.ImageSize, description.ClassNames.Length);
        try
        {
            classifier.load(reader);
        }
        catch (Exception error) when (error is not InvalidInputException)
        {
            classifier.Dispose();
            throw new InvalidInputException($"{shownName}: the weights do not fit the described network ({error.Message.ReplaceLineEndings(" ")})", error);
        }
        classifier.eval();
        return (classifier, description);
    }
}
