using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// The projection discriminator (Miyato and Koyama 2018): the wrapped critic's score plus the inner product of
/// the class's learned embedding with the wrapped critic's last hidden features summed over their positions,
/// D(x, y) = psi(phi(x)) + embed(y) . phi(x). Wraps any <see cref="Critic"/>.
/// </summary>
public sealed class ProjectionCritic : Critic, IClassConditionalCritic
{
    private readonly Critic _critic;
    private readonly Embedding _embedding;
    private Tensor? _labels;

    /// <summary>Conditions <paramref name="critic"/>, whose hidden features have <paramref name="featureChannels"/> channels, on <paramref name="classes"/> classes.</summary>
    public ProjectionCritic(Critic critic, long featureChannels, int classes) : base(nameof(ProjectionCritic))
    {
        _critic = critic;
        Classes = classes > 0 ? classes : throw new ArgumentOutOfRangeException(nameof(classes), "must be positive");
        _embedding = nn.Embedding(classes, featureChannels);
        using (no_grad())
            _embedding.weight!.normal_(0, 0.02); // small, so that training starts from the unconditional critic's scores
        RegisterComponents();
    }

    /// <inheritdoc />
    public int Classes { get; }

    /// <inheritdoc />
    public IDisposable Condition(Tensor labels) => new LabelScope(this, labels);

    /// <inheritdoc />
    public override Tensor Features(Tensor images) => _critic.Features(images);

    /// <inheritdoc />
    public override Tensor ScoreFeatures(Tensor features)
    {
        var labels = _labels ?? throw new InvalidOperationException("a projection critic scores images of a class: condition it on their labels first");
        if (labels.shape[0] != features.shape[0])
            throw new ArgumentException($"{labels.shape[0]} labels for {features.shape[0]} images");
        using var scope = NewDisposeScope();
        var pooled = features.dim() > 2 ? features.flatten(2).sum(2) : features;
        var projection = (_embedding.call(labels) * pooled).sum(1);
        return (_critic.ScoreFeatures(features) + projection).MoveToOuterDisposeScope();
    }

    private sealed class LabelScope : IDisposable
    {
        private readonly ProjectionCritic _owner;
        private readonly Tensor? _previous;

        public LabelScope(ProjectionCritic owner, Tensor labels)
        {
            _owner = owner;
            _previous = owner._labels;
            owner._labels = labels;
        }

        public void Dispose() => _owner._labels = _previous;
    }
}
