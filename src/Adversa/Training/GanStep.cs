using Adversa.Data;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>What one <see cref="GanStep"/> measured.</summary>
/// <param name="CriticLoss">The critic's total loss at its last update (the penalty included, if that update computed it).</param>
/// <param name="GeneratorLoss">The generator's loss at its last step.</param>
/// <param name="Scalars">
/// The auxiliary classifier's class loss at the critic's last update; the regulariser's raw penalty at the step's last
/// update that computed one (absent when none did, see <see cref="GanStep.RegularizerEvery"/>); at the critic's last
/// update, what the loss reported, then the critic's mean raw score on the real
/// batch (<see cref="GanStep.ScoreReal"/>) and on the generated one (<see cref="GanStep.ScoreFake"/>).
/// </param>
public sealed record StepResult(double CriticLoss, double GeneratorLoss, IReadOnlyList<NamedValue> Scalars);

/// <summary>
/// One training step of a GAN, with no I/O: <see cref="CriticSteps"/> critic updates, each on a real batch, then
/// <see cref="GeneratorSteps"/> generator updates. A step whose loss or gradients are not finite is recomputed from the same batch, random state
/// and buffers (libtorch's oneDNN kernels can emit NaN on some processors; one such step would poison Adam's
/// moments for good), at most <see cref="MaxRetries"/> times before <see cref="TrainingDivergedException"/>.
/// </summary>
public sealed class GanStep
{
    /// <summary>A step whose loss or gradients are not finite is recomputed at most this many times.</summary>
    public const int MaxRetries = FiniteUpdates.MaxRetries;

    /// <summary>The scalar holding the critic's mean raw score on the real batch (seed 004's D-Real, negated).</summary>
    public const string ScoreReal = "score_real";

    /// <summary>The scalar holding the critic's mean raw score on the generated batch (seed 004's D-Fake).</summary>
    public const string ScoreFake = "score_fake";

    /// <summary>The scalar holding the auxiliary classifier's weighted class loss in the critic's update (AC-GAN: real and generated images; InfoGAN: generated).</summary>
    public const string ClassLoss = "class_loss";

    private readonly GanComponents _parts;
    private readonly Parameter[] _criticParameters;
    private readonly FiniteUpdates _updates;
    private readonly Critic? _featureCritic;
    private readonly bool _scoreBothInOnePass;
    private readonly StepConditioning _conditioning;

    /// <summary>
    /// A step over <paramref name="components"/>: <paramref name="criticSteps"/> critic updates, then
    /// <paramref name="generatorSteps"/> generator updates; the regulariser's penalty on every
    /// <paramref name="regularizerEvery"/>-th critic update (see <see cref="RegularizerEvery"/>).
    /// </summary>
    public GanStep(GanComponents components, int criticSteps = 1, int generatorSteps = 1, int regularizerEvery = 1)
    {
        if (criticSteps <= 0)
            throw new InvalidInputException("n_critic", criticSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        if (generatorSteps <= 0)
            throw new InvalidInputException("g_steps", generatorSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        if (regularizerEvery <= 0)
            throw new InvalidInputException("regularizer_every", regularizerEvery.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        _parts = components;
        CriticSteps = criticSteps;
        GeneratorSteps = generatorSteps;
        RegularizerEvery = regularizerEvery;
        _criticParameters = [.. components.Critic.parameters()];
        _updates = new FiniteUpdates([.. components.Generator.buffers(), .. components.Critic.buffers()]);
        _featureCritic = components.Critic as Critic;
        _scoreBothInOnePass = SampleCoupling.ScoresEachSampleAlone(components.Critic);
        _conditioning = new StepConditioning(components);
        if (components.Objective != GeneratorObjective.Adversarial && _featureCritic is null)
            throw new InvalidInputException("generator_objective", ConfigEnum.NameOf(components.Objective),
                $"needs a critic that exposes its hidden features (a subclass of Models.Critic); {components.Critic.GetType().Name} does not");
    }

    /// <summary>Critic updates per step (n_critic).</summary>
    public int CriticSteps { get; }

    /// <summary>
    /// Generator updates per step, after the critic's (g_steps): seed 000's advice when the critic's loss falls too fast.
    /// Each draws its own latent batch; feature matching compares with the last real batch.
    /// </summary>
    public int GeneratorSteps { get; }

    /// <summary>
    /// Lazy regularisation (Karras et al. 2020, StyleGAN2's <c>d_reg_every</c>): the penalty only on every k-th critic
    /// update, counted across steps, at k times its weight, so that it weighs as much on average for a k-th of its cost
    /// (a gradient penalty's double backward is about 40 % of a WGAN-GP step). 1: on every update. A constraint applied
    /// after the critic's step (weight clipping) is applied after every update all the same.
    /// </summary>
    public int RegularizerEvery { get; }

    /// <summary>Critic updates done: the count <see cref="RegularizerEvery"/> goes by (a resumed trainer sets it from its iteration).</summary>
    public long CriticUpdates { get; internal set; }

    /// <summary>Optimiser steps recomputed because their loss or gradients were not finite.</summary>
    public long RecomputedSteps => _updates.Recomputed;

    /// <summary>Runs one step, taking each critic update's real batch (N x C x H x W in [-1, 1], on the components' device) from <paramref name="nextRealBatch"/>.</summary>
    public StepResult Run(Func<Tensor> nextRealBatch) => Run(() => new RealBatch(nextRealBatch()));

    /// <summary>
    /// Runs one step, taking each critic update's real batch from <paramref name="nextRealBatch"/>: with its labels for
    /// a class-conditional GAN, whose generated batches then draw the same classes for the critic's update.
    /// </summary>
    public StepResult Run(Func<RealBatch> nextRealBatch)
    {
        using var gcPause = GarbageCollectionPause.Enter();
        using var scope = NewDisposeScope();
        CriticUpdate critic = null!;
        LoggedScalar? penalty = null;
        RealBatch real = default;

        // (1) Update the critic: minimise loss.CriticLoss(C(x), C(G(z))) + penalty, n_critic times.
        for (var k = 0; k < CriticSteps; k++)
        {
            real = nextRealBatch();
            critic = _updates.Run("critic", () => CriticUpdateOn(real));
            penalty = critic.Penalty ?? penalty;
        }

        // (2) Update the generator g_steps times: minimise its objective (feature matching compares with the last real
        // batch); the critic's weights need no gradients here.
        SetCriticTrainable(false);
        Tensor generatorLoss = null!;
        try
        {
            for (var k = 0; k < GeneratorSteps; k++)
            {
                generatorLoss = _updates.Run("generator", () =>
                {
                    _parts.GeneratorOptimizer.zero_grad();
                    var loss = GeneratorLoss(real.Images);
                    return FiniteUpdates.TryApply(loss, _parts.GeneratorOptimizer) ? loss : null;
                });
                _parts.GeneratorAverage?.Update();
            }
        }
        finally
        {
            SetCriticTrainable(true);
        }
        LoggedScalar?[] scalars = [critic.ClassLoss, penalty, .. critic.Scores];
        return new StepResult(critic.Loss.item<float>(), generatorLoss.item<float>(),
            [.. scalars.OfType<LoggedScalar>().Select(s => new NamedValue(s.Name, s.Value.item<float>()))]);
    }

    private sealed record CriticUpdate(Tensor Loss, LoggedScalar? ClassLoss, LoggedScalar? Penalty, IReadOnlyList<LoggedScalar> Scores);

    private CriticUpdate? CriticUpdateOn(RealBatch batch)
    {
        var real = batch.Images;
        // A conditional critic compares real and generated images of the same classes (its penalty's mixtures too).
        var labels = _conditioning.LabelsOf(batch);
        Tensor fake;
        Tensor? fakeLabels = null;
        using (no_grad())
        {
            var latents = _parts.Latent.Sample(real.shape[0], real.device, labels);
            if (_conditioning.Classes > 0)
                fakeLabels = _parts.Latent.LabelsOf(latents); // the real batch's labels, or InfoGAN's drawn codes
            fake = _parts.Generator.forward(latents);
        }
        // DiffAugment: the critic, its penalty included, only ever sees augmented images.
        (real, fake) = (DiffAugment.Apply(real, _parts.Augmentation), DiffAugment.Apply(fake, _parts.Augmentation));
        _parts.CriticOptimizer.zero_grad();
        var (realScores, fakeScores, classLoss) = Score(real, fake, labels, fakeLabels);
        var loss = _parts.Loss.CriticLoss(realScores, fakeScores);
        if (classLoss is not null)
            loss = loss + classLoss;
        LoggedScalar? logged = null;
        if (CriticUpdates % RegularizerEvery == 0)
        {
            using var condition = _conditioning.Condition(labels);
            if (_parts.Regularizer.Penalty(_parts.Critic, real, fake) is { } penalty)
            {
                loss = loss + penalty.Weighted * RegularizerEvery; // times 1 is exact: K = 1 trains as before, bit for bit
                logged = new LoggedScalar(penalty.Name, penalty.Raw);
            }
        }
        if (!FiniteUpdates.TryApply(loss, _parts.CriticOptimizer))
            return null;
        CriticUpdates++;
        _parts.Regularizer.AfterCriticStep(_parts.Critic);
        var scores = new List<LoggedScalar>();
        using (no_grad())
        {
            scores.AddRange(_parts.Loss.CriticScalars(realScores.detach(), fakeScores.detach()));
            scores.Add(new LoggedScalar(ScoreReal, realScores.detach().mean()));
            scores.Add(new LoggedScalar(ScoreFake, fakeScores.detach().mean()));
        }
        return new CriticUpdate(loss, classLoss is null ? null : new LoggedScalar(ClassLoss, classLoss), logged, scores);
    }

    // A critic that scores each image alone scores real and generated images in one pass: one call per layer instead
    // of two, and convolutions on twice the batch, which oneDNN runs more efficiently (about 5% of a demonstration step).
    // AC-GAN's critic also names the class of both (Odena et al. 2017: the log-likelihood of the right class, real and
    // generated); InfoGAN's recovers the codes of the generated ones (real images have none).
    private (Tensor Real, Tensor Fake, Tensor? ClassLoss) Score(Tensor real, Tensor fake, Tensor? labels, Tensor? fakeLabels)
    {
        var count = real.shape[0];
        var inOnePass = _scoreBothInOnePass ? cat([real, fake]) : null;
        using var condition = _conditioning.Condition(labels is null ? null : inOnePass is null ? labels : cat([labels, labels]));
        if (_conditioning.Auxiliary is { } auxiliary)
        {
            // Scored as the critic was told: both halves at once in one pass (a projection inside has both halves' labels).
            Tensor realFeatures, fakeFeatures, realScores, fakeScores;
            if (inOnePass is null)
            {
                (realFeatures, fakeFeatures) = (auxiliary.Features(real), auxiliary.Features(fake));
                (realScores, fakeScores) = (auxiliary.ScoreFeatures(realFeatures), auxiliary.ScoreFeatures(fakeFeatures));
            }
            else
            {
                var features = auxiliary.Features(inOnePass);
                (realFeatures, fakeFeatures) = Split(features, count);
                (realScores, fakeScores) = Split(auxiliary.ScoreFeatures(features), count);
            }
            var classLoss = _conditioning.ClassLoss(fakeFeatures, fakeLabels!);
            if (labels is not null)
                classLoss = classLoss + _conditioning.ClassLoss(realFeatures, labels);
            return (realScores, fakeScores, classLoss);
        }
        if (inOnePass is null)
            return (_parts.Critic.forward(real), _parts.Critic.forward(fake), null);
        var scores = Split(_parts.Critic.forward(inOnePass), count);
        return (scores.First, scores.Second, null);
    }

    private static (Tensor First, Tensor Second) Split(Tensor both, long count) => (both.narrow(0, 0, count), both.narrow(0, count, both.shape[0] - count));

    // A conditional generator draws uniformly chosen classes here, which the critic judges (or AC-GAN's classifier names)
    // the images as; with mode seeking, the batch's two halves draw the same classes, so that they pair up.
    private Tensor GeneratorLoss(Tensor real)
    {
        var count = real.shape[0];
        var seekModes = _parts.ModeSeekingWeight > 0;
        var latents = _parts.Latent.Sample(count, real.device,
            seekModes && _conditioning.Classes > 0 ? ModeSeeking.PairedClasses(_conditioning.Classes, count, real.device) : null);
        var labels = _conditioning.Classes > 0 ? _parts.Latent.LabelsOf(latents) : null;
        var generated = _parts.Generator.forward(latents);
        var loss = AdversarialGeneratorLoss(real, DiffAugment.Apply(generated, _parts.Augmentation), labels);
        return seekModes
            ? loss + _parts.ModeSeekingWeight * ModeSeeking.Loss(generated, latents.narrow(1, 0, _parts.Latent.Dimension))
            : loss;
    }

    private Tensor AdversarialGeneratorLoss(Tensor real, Tensor fake, Tensor? labels)
    {
        if (_parts.Objective != GeneratorObjective.Adversarial && _parts.Augmentation != AugmentationPolicy.None)
            real = DiffAugment.Apply(real, _parts.Augmentation);
        using var condition = _conditioning.Condition(labels);
        if (_conditioning.Auxiliary is { } auxiliary)
        {
            var features = auxiliary.Features(fake);
            var adversarial = _parts.Objective == GeneratorObjective.Adversarial
                ? _parts.Loss.GeneratorLoss(auxiliary.ScoreFeatures(features))
                : ObjectiveFromFeatures(real, features);
            return adversarial + _conditioning.ClassLoss(features, labels!);
        }
        if (_parts.Objective == GeneratorObjective.Adversarial)
            return _parts.Loss.GeneratorLoss(_parts.Critic.forward(fake));
        return ObjectiveFromFeatures(real, _featureCritic!.Features(fake));
    }

    private Tensor ObjectiveFromFeatures(Tensor real, Tensor fakeFeatures)
    {
        Tensor realFeatures;
        using (no_grad())
            realFeatures = _featureCritic!.Features(real);
        var matching = FeatureMatching.Loss(realFeatures, fakeFeatures);
        return _parts.Objective == GeneratorObjective.FeatureMatching
            ? matching
            : _parts.Loss.GeneratorLoss(_featureCritic!.ScoreFeatures(fakeFeatures)) + _parts.FeatureMatchingWeight * matching;
    }

    private void SetCriticTrainable(bool trainable)
    {
        foreach (var parameter in _criticParameters)
            parameter.requires_grad = trainable;
    }
}
