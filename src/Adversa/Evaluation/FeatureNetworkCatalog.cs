using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>
/// Resolves <c>--features</c>: <c>mnist</c>, <c>fashion-mnist</c> and <c>shapes</c> name the classifiers built into the library
/// (Evaluation/Weights, retrained with <c>adversa classifier train</c>); a <c>.pt</c> file is a user's TorchScript
/// network (Inception-v3, say); any other file is a classifier written by <c>adversa classifier train</c>.
/// </summary>
public static class FeatureNetworkCatalog
{
    /// <summary>The names of the built-in classifiers.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["mnist", "fashion-mnist", "shapes"];

    /// <summary>The feature network <paramref name="spec"/> names, on <paramref name="device"/>.</summary>
    public static IFeatureNetwork Resolve(string spec, Device device)
    {
        if (spec.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || spec.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))
            return new TorchScriptFeatureNetwork(spec, device);
        var (classifier, description) = LoadClassifier(spec);
        return new ClassifierFeatureNetwork(classifier, description, device);
    }

    /// <summary>
    /// The network to use for a run trained on <paramref name="data"/> when <c>--features</c> is not given: the
    /// built-in classifier of that data set, if there is one.
    /// </summary>
    public static string DefaultFor(string data)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(data)).ToLowerInvariant();
        if (name is "shapes" or "shapes-test")
            return "shapes";
        if (name.Contains("fashion", StringComparison.Ordinal))
            return "fashion-mnist";
        if (name.Contains("mnist", StringComparison.Ordinal))
            return "mnist";
        throw new InvalidInputException(
            $"--features: no built-in feature network for --data {data} (built in: {string.Join(", ", BuiltInNames)}); pass --features NAME, a classifier file or a TorchScript .pt file");
    }

    /// <summary>A built-in classifier by name, or a classifier file.</summary>
    public static (ImageClassifier Classifier, ClassifierDescription Description) LoadClassifier(string nameOrPath)
    {
        if (BuiltInNames.Contains(nameOrPath))
        {
            var resource = $"Adversa.Evaluation.Weights.{nameOrPath}.classifier";
            using var stream = typeof(FeatureNetworkCatalog).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidInputException($"--features {nameOrPath}: this build lacks the built-in classifier (retrain it with adversa classifier train --data {nameOrPath} --out src/Adversa/Evaluation/Weights/{nameOrPath}.classifier)");
            return ClassifierFile.Load(stream, $"built-in classifier {nameOrPath}");
        }
        if (!File.Exists(nameOrPath))
            throw new InvalidInputException($"--features {nameOrPath}: neither a built-in feature network ({string.Join(", ", BuiltInNames)}) nor an existing file");
        return ClassifierFile.Load(nameOrPath);
    }
}
