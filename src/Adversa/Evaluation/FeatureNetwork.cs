using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>
/// A network that embeds images for the metrics: features for FID, KID and precision/recall, and, when it is a
/// classifier, class probabilities for the Inception Score. Implementations adapt any image (N x C x H x W in
/// [-1, 1]) to what the network was trained on.
/// </summary>
public interface IFeatureNetwork : IDisposable
{
    /// <summary>What it is, written beside every result.</summary>
    string Name { get; }

    /// <summary>Whether <see cref="Embed"/> returns class probabilities.</summary>
    bool HasClassProbabilities { get; }

    /// <summary>Features (N x D, float32, CPU) and, for a classifier, class probabilities (N x K, CPU); one batch, no gradients.</summary>
    (Tensor Features, Tensor? Probabilities) Embed(Tensor images);
}

/// <summary>Shared input adaptation: channel count and size.</summary>
internal static class FeatureInput
{
    /// <summary>
    /// <paramref name="images"/> with <paramref name="channels"/> channels (grey repeated into RGB; RGB averaged
    /// into grey) and <paramref name="size"/> x <paramref name="size"/> pixels (bilinear), still in [-1, 1].
    /// </summary>
    public static Tensor Adapt(Tensor images, int channels, int size)
    {
        var adapted = images;
        if (adapted.shape[1] != channels)
        {
            adapted = channels switch
            {
                1 => adapted.mean([1], keepdim: true),
                _ when adapted.shape[1] == 1 => adapted.expand(-1, channels, -1, -1),
                _ => throw new Runtime.InvalidInputException($"images: {adapted.shape[1]} channels cannot be adapted to the feature network's {channels}"),
            };
        }
        if (adapted.shape[2] != size || adapted.shape[3] != size)
            adapted = nn.functional.interpolate(adapted, [size, size], mode: InterpolationMode.Bicubic, align_corners: false).clamp(-1, 1);
        return adapted;
    }
}

/// <summary>An <see cref="ImageClassifier"/> as a feature network: its 128 penultimate activations and its softmax.</summary>
public sealed class ClassifierFeatureNetwork(ImageClassifier classifier, ClassifierDescription description, Device device) : IFeatureNetwork
{
    private readonly ImageClassifier _classifier = classifier.to(device);

    /// <summary>The saved description of the classifier.</summary>
    public ClassifierDescription Description { get; } = description;

    /// <inheritdoc />
    public string Name => $"classifier {Description.Name} ({ImageClassifier.FeatureWidth}-d features, {Description.TestAccuracy:P2} test accuracy)";

    /// <inheritdoc />
    public bool HasClassProbabilities => true;

    /// <inheritdoc />
    public (Tensor Features, Tensor? Probabilities) Embed(Tensor images)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var input = FeatureInput.Adapt(images.to(device), Description.Channels, Description.ImageSize);
        var features = _classifier.Features(input);
        var probabilities = nn.functional.softmax(_classifier.ClassifyFeatures(features), 1);
        return (features.cpu().MoveToOuterDisposeScope(), probabilities.cpu().MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose() => _classifier.Dispose();
}
