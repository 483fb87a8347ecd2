using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// AC-GAN's discriminator (Odena et al. 2017): the wrapped critic unchanged, plus a dense layer from its last
/// hidden features (averaged over their positions) to class logits, which both players' losses ask to name the class.
/// </summary>
public sealed class AuxiliaryClassifierCritic : Critic
{
    private readonly Critic _critic;
    private readonly Linear _classifier;

    /// <summary>Adds a classifier of <paramref name="classes"/> classes to <paramref name="critic"/>, whose hidden features have <paramref name="featureChannels"/> channels.</summary>
    public AuxiliaryClassifierCritic(Critic critic, long featureChannels, int classes) : base(nameof(AuxiliaryClassifierCritic))
    {
        _critic = critic;
        Classes = classes > 0 ? classes : throw new ArgumentOutOfRangeException(nameof(classes), "must be positive");
        _classifier = nn.Linear(featureChannels, classes);
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes { get; }

    /// <summary>
    /// The wrapped critic when it judges images with their class (a projection beside the classifier,
    /// condition projection_acgan); null when it judges images alone (AC-GAN's).
    /// </summary>
    public IClassConditionalCritic? Conditional => _critic as IClassConditionalCritic;

    /// <inheritdoc />
    public override Tensor Features(Tensor images) => _critic.Features(images);

    /// <inheritdoc />
    public override Tensor ScoreFeatures(Tensor features) => _critic.ScoreFeatures(features);

    /// <summary>Class logits (N x classes) from <see cref="Features"/>' output.</summary>
    public Tensor ClassLogits(Tensor features)
    {
        using var scope = NewDisposeScope();
        var pooled = features.dim() > 2 ? features.flatten(2).mean([2]) : features;
        return _classifier.call(pooled).MoveToOuterDisposeScope();
    }
}
