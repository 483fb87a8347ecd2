using Adversa.Data;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>
/// Resolves a feature network's name: <c>mnist</c>, <c>fashion-mnist</c> and <c>shapes</c> name the classifiers built into the library
/// (Evaluation/Weights, retrained with <see cref="ClassifierTraining"/>); a <c>.pt</c> file is a user's TorchScript
/// network (Inception-v3, say); any other file is a classifier written by <c>adversa classifier train</c>.
/// </summary>
public static class FeatureNetworkCatalog
{
    /// <summary>The names of the built-in classifiers.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["mnist", "fashion-mnist", "shapes"];

    /// <summary>The feature network <paramref name="spec"/> names, on <paramref name="device"/>; errors name the setting <paramref name="key"/>.</summary>
    public static IFeatureNetwork Resolve(string spec, Device device, string key = "features")
    {
        if (spec.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))
            return new TorchScriptFeatureNetwork(spec, device, key);
        var (classifier, description) = LoadClassifier(spec, key);
        return new ClassifierFeatureNetwork(classifier, description, device);
    }

    /// <summary>
    /// <paramref name="spec"/>'s network, or, when it is null, the built-in classifier that suits <paramref name="data"/>
    /// (<see cref="DataSource.FeatureNetwork"/>); data that no built-in network suits needs one named.
    /// </summary>
    public static IFeatureNetwork For(DataSource data, string? spec, Device device, string key = "features") =>
        Resolve(spec ?? data.FeatureNetwork ?? throw new InvalidInputException(key, null,
            $"no built-in feature network suits the images of {data.Name} (built in: {string.Join(", ", BuiltInNames)}); name one, a classifier file or a TorchScript .pt file"), device, key);

    /// <summary>A built-in classifier by name, or a classifier file.</summary>
    public static (ImageClassifier Classifier, ClassifierDescription Description) LoadClassifier(string nameOrPath, string key = "features")
    {
        if (BuiltInNames.Contains(nameOrPath))
        {
            var resource = $"Adversa.Evaluation.Weights.{nameOrPath}.classifier";
            using var stream = typeof(FeatureNetworkCatalog).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidInputException(key, nameOrPath, $"this build lacks the built-in classifier (Evaluation/Weights/{nameOrPath}.classifier)");
            return ClassifierFile.Load(stream, $"built-in classifier {nameOrPath}");
        }
        if (!File.Exists(nameOrPath))
            throw new InvalidInputException(key, nameOrPath, $"neither a built-in feature network ({string.Join(", ", BuiltInNames)}) nor an existing file");
        return ClassifierFile.Load(nameOrPath);
    }
}
