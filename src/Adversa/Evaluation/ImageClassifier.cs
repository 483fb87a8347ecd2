using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>
/// The small convolutional classifier whose penultimate activations serve as FID/KID/precision-recall features
/// for 28x28 grey images (where Inception-v3 is not available): three 3x3 convolution blocks (32, 64, 128
/// channels, batch norm, ReLU, 2x2 max pooling: 28 -> 14 -> 7 -> 3), a 128-unit dense layer (the features) and
/// the class logits. Inputs are N x C x S x S in [-1, 1].
/// </summary>
public sealed class ImageClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Width of <see cref="Features"/>.</summary>
    public const int FeatureWidth = 128;

    private readonly Sequential _features;
    private readonly Sequential _head;

    /// <summary>Builds an untrained network for <paramref name="channels"/> x <paramref name="imageSize"/>² images and <paramref name="classes"/> classes.</summary>
    public ImageClassifier(int channels, int imageSize, int classes) : base(nameof(ImageClassifier))
    {
        var side = imageSize / 2 / 2 / 2;
        if (side < 1)
            throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, "needs at least 8 pixels (three 2x2 poolings)");
        _features = nn.Sequential(
            Block(channels, 32), Block(32, 64), Block(64, 128),
            nn.Flatten(),
            nn.Linear(128L * side * side, FeatureWidth), nn.ReLU());
        _head = nn.Sequential(nn.Dropout(0.3), nn.Linear(FeatureWidth, classes));
        RegisterComponents();
    }

    private static Sequential Block(int input, int output) => nn.Sequential(
        nn.Conv2d(input, output, 3, padding: 1L, bias: false), nn.BatchNorm2d(output), nn.ReLU(), nn.MaxPool2d(2));

    /// <summary>The 128 activations before the class layer (N x 128).</summary>
    public Tensor Features(Tensor images) => _features.forward(images);

    /// <summary>Class logits from <see cref="Features"/> (N x classes).</summary>
    public Tensor ClassifyFeatures(Tensor features) => _head.forward(features);

    /// <summary>Class logits (N x classes).</summary>
    public override Tensor forward(Tensor images) => _head.forward(_features.forward(images));
}
