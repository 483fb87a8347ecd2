using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// A critic (discriminator) split at its last hidden layer: <see cref="Features"/> maps images to that
/// layer's activations, <see cref="ScoreFeatures"/> maps them (through the optional minibatch layer) to one
/// raw score per image. Feature matching (Salimans et al. 2016; seeds 001 and 004) compares the features
/// of real and generated batches.
/// </summary>
public abstract class Critic : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module.</summary>
    protected Critic(string name) : base(name) { }

    /// <summary>The last hidden layer's activations for a batch of images (N x ...).</summary>
    public abstract Tensor Features(Tensor images);

    /// <summary>One raw score per image (N) from <see cref="Features"/>' output.</summary>
    public abstract Tensor ScoreFeatures(Tensor features);

    /// <summary>Scores images, one raw value per image (N).</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return ScoreFeatures(Features(images)).MoveToOuterDisposeScope();
    }
}
