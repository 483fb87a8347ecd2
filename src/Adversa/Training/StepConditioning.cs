using Adversa.Models;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// The class side of a conditional GAN's step: which classes a projection critic judges the next images as, and
/// AC-GAN's (or InfoGAN's, on generated images only) class loss, also when the classifier sits beside a projection.
/// Checks once that the generator's classes and the critic's agree.
/// </summary>
internal sealed class StepConditioning
{
    private readonly nn.Module _critic;
    private readonly int _conditionsPerClass = 1;

    public StepConditioning(GanComponents parts)
    {
        Classes = parts.Latent.Classes;
        _critic = parts.Critic;
        Auxiliary = parts.Critic as AuxiliaryClassifierCritic;
        var conditional = ClassConditionalCritics.Of(parts.Critic);
        var criticClasses = conditional?.Classes ?? Auxiliary?.Classes ?? 0;
        if (criticClasses != Classes)
            throw new InvalidInputException("classes", Classes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                criticClasses == 0 ? "the critic is unconditional but the generator draws classes: give the critic a projection or an auxiliary classifier"
                : $"the generator draws {Classes} classes but the critic knows {criticClasses}");
        ClassLossWeight = parts.ClassLossWeight;
        // Beside a projection on each class's clusters, the classifier names the class: condition c is of class c / k.
        if (Auxiliary is not null && conditional is not null)
        {
            if (conditional.Classes % Auxiliary.Classes != 0)
                throw new InvalidInputException("classes", Classes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"the critic's projection knows {conditional.Classes} conditions, which do not split evenly into its classifier's {Auxiliary.Classes} classes");
            _conditionsPerClass = conditional.Classes / Auxiliary.Classes;
        }
        LatentCodes = parts.ClassesAreLatentCodes;
        if (LatentCodes && Auxiliary is null)
            throw new InvalidInputException("condition", "infogan", "latent codes need a critic with an auxiliary classifier to recover them");
    }

    /// <summary>InfoGAN: the classes are the generator's latent codes; real images carry none.</summary>
    public bool LatentCodes { get; }

    /// <summary>Classes of the run; 0 when unconditional.</summary>
    public int Classes { get; }

    /// <summary>AC-GAN's critic (or a classifier around a projection), whose class logits enter both players' losses; null otherwise.</summary>
    public AuxiliaryClassifierCritic? Auxiliary { get; }

    private double ClassLossWeight { get; }

    /// <summary>The labels (N int64) of a real batch, which a conditional run's batches must carry.</summary>
    public Tensor? LabelsOf(RealBatch batch) => Classes == 0 || LatentCodes ? null
        : batch.Labels ?? throw new InvalidInputException("condition", "on", "a class-conditional run needs a label with every real image");

    /// <summary>Makes a projection critic judge the next images as of <paramref name="labels"/> until disposed; nothing otherwise.</summary>
    public IDisposable? Condition(Tensor? labels) => TrainingLabels.Condition(_critic, labels);

    /// <summary>AC-GAN's weighted cross-entropy of the class logits of <paramref name="features"/> against the classes of <paramref name="labels"/> (the run's conditions).</summary>
    public Tensor ClassLoss(Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var classes = _conditionsPerClass == 1 ? labels : labels.div(_conditionsPerClass, RoundingMode.floor);
        return (nn.functional.cross_entropy(Auxiliary!.ClassLogits(features), classes) * ClassLossWeight).MoveToOuterDisposeScope();
    }
}

/// <summary>A batch of real images (N x C x H x W in [-1, 1]) and, for a class-conditional run, their classes (N int64).</summary>
public readonly record struct RealBatch(Tensor Images, Tensor? Labels = null);
