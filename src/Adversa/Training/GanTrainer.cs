using Adversa.Data;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// Drives a <see cref="GanStep"/> through epochs over a set of images and tells its <see cref="Observers"/>: the one
/// loop for every GAN variant. It does no I/O itself: a run directory's files are observers
/// (<see cref="Outputs.TrainingRun"/> attaches them), and training in memory needs none. The trained networks stay
/// reachable (<see cref="Components"/>, <see cref="Sample"/>).
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly bool _ownsComponents;
    private readonly Tensor _images;
    private readonly Tensor? _labels;
    private readonly BatchSampler _sampler;
    private readonly GanStep _step;
    private Tensor _fixedLatent;
    private int _epoch;
    private readonly EpochMeans _epochMeans = new();

    /// <summary>
    /// A trainer of <paramref name="components"/> on <paramref name="images"/> (byte-valued or in [-1, 1]; kept to
    /// <see cref="TrainingConfig.MaxImages"/>, resized to <see cref="TrainingConfig.ImageSize"/> and scaled to [-1, 1]),
    /// with the schedule of <paramref name="config"/>: batch size, sampling, n_critic, epochs and their length, the
    /// fixed latent batch's size, and the seed of the batch order. The fixed latent batch is drawn now from libtorch's
    /// global generator. <paramref name="ownsComponents"/>: dispose them with the trainer.
    /// </summary>
    public GanTrainer(TrainingConfig config, LabeledImages images, GanComponents components, bool ownsComponents = false)
    {
        Config = config;
        Components = components;
        _ownsComponents = ownsComponents;
        Data = DataFingerprint.Of(images);
        SkippedImages = images.Skipped;
        _images = Prepare(config, images).to(components.Device);
        _labels = TrainingLabels.For(config, components.ClassesAreLatentCodes ? 0 : components.Latent.Classes, images, _images)?.to(components.Device);
        _sampler = new BatchSampler(_images.shape[0], config.BatchSize, config.Sampling, DerivedSeed(config.Seed));
        IterationsPerEpoch = config.IterationsPerEpoch > 0 ? config.IterationsPerEpoch : Math.Max(1, _sampler.BatchesPerPass / config.NCritic);
        _step = new GanStep(components, config.NCritic, config.GSteps, config.RegularizerEvery);
        // A conditional run's grid shows the classes in turn.
        using var fixedClasses = components.Latent.Classes > 0 ? components.Latent.ClassesInTurn(config.SampleCount, components.Device) : null;
        _fixedLatent = components.Latent.Sample(config.SampleCount, components.Device, fixedClasses);
    }

    /// <summary>
    /// Everything from <paramref name="config"/>: libtorch's threads and seed, the images (<see cref="TrainingConfig.Data"/>,
    /// unless <paramref name="images"/> are given) and the components. The same configuration gives the same run.
    /// </summary>
    public static GanTrainer Create(TrainingConfig config, LabeledImages? images = null) => Build(config, images, initialWeights: true);

    // initialWeights: false for a resume, whose checkpoint replaces the weights init_from would load.
    internal static GanTrainer Build(TrainingConfig config, LabeledImages? images, bool initialWeights)
    {
        ConfigValidation.Validate(config);
        Reproducibility.SetThreads(config.Threads);
        Reproducibility.Seed(config.Seed);
        var device = ComputeDevice.Resolve(config.Device);
        var loaded = images ?? DataSource.Resolve(config.Data).Load(DatasetSplit.Train, config.Seed, config.ImageChannels, config.ImageSize, config.SkipUnreadableImages);
        try
        {
            config = TrainingLabels.WithClassesOf(config, loaded);
            var components = GanComponents.Compose(config, device, initialWeights);
            try
            {
                return new GanTrainer(config, loaded, components, ownsComponents: true);
            }
            catch
            {
                components.Dispose();
                throw;
            }
        }
        finally
        {
            if (images is null)
                loaded.Dispose();
        }
    }

    /// <summary>The schedule (and, for <see cref="Create"/>, everything else) of the run.</summary>
    public TrainingConfig Config { get; }

    /// <summary>The networks, losses and optimisers being trained.</summary>
    public GanComponents Components { get; }

    /// <summary>The fingerprint of the images given (a checkpoint keeps it; resuming on other images is refused).</summary>
    public DataFingerprint Data { get; }

    /// <summary>Files of the data left out as unreadable (<see cref="TrainingConfig.SkipUnreadableImages"/>), each a one-line reason.</summary>
    public IReadOnlyList<string> SkippedImages { get; }

    /// <summary>Observers, told in this order; those that are <see cref="IDisposable"/> are disposed with the trainer.</summary>
    public IList<ITrainingObserver> Observers { get; } = [];

    /// <summary>Generator steps per epoch.</summary>
    public long IterationsPerEpoch { get; }

    /// <summary>Generator steps done.</summary>
    public long Iteration { get; private set; }

    /// <summary>Epochs completed.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Optimiser steps recomputed after non-finite values (see <see cref="GanStep"/>).</summary>
    public long RecomputedSteps => _step.RecomputedSteps;

    /// <summary>The training images as the critic sees them (N x C x H x W in [-1, 1], on the components' device).</summary>
    internal Tensor Images => _images;

    /// <summary>The class of each training image the critic is told (the data's labels, or a self-conditioned run's clusters); null for an unconditional run.</summary>
    internal Tensor? Labels => _labels;

    /// <summary>Trains until <see cref="TrainingConfig.Epochs"/> are complete or <paramref name="cancellation"/> fires (then stops before the next step; completed epochs stand).</summary>
    public void Train(CancellationToken cancellation = default)
    {
        var plan = new TrainingPlan(CompletedEpochs + 1, Config.Epochs, IterationsPerEpoch, Iteration);
        Observers.Tell(observer => observer.OnStart(this, plan));
        var outcome = TrainingOutcome.Completed;
        try
        {
            for (var epoch = CompletedEpochs + 1; epoch <= Config.Epochs; epoch++)
            {
                _epoch = epoch;
                _sampler.BeginEpoch();
                for (long step = 0; step < IterationsPerEpoch; step++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    TrainIteration();
                }
                CompleteEpoch(epoch);
            }
        }
        catch (OperationCanceledException)
        {
            outcome = TrainingOutcome.Cancelled;
            throw;
        }
        catch (TrainingDivergedException)
        {
            outcome = TrainingOutcome.Diverged;
            throw;
        }
        finally
        {
            Observers.Tell(observer => observer.OnStop(this, outcome));
        }
    }

    /// <summary>One generator step (n_critic critic steps first) of the current epoch; observers see its record.</summary>
    public LossRecord TrainIteration()
    {
        var epoch = Math.Max(_epoch, CompletedEpochs + 1);
        StepResult result;
        try
        {
            result = _step.Run(NextRealBatch);
        }
        catch (TrainingDivergedException diverged) when (diverged.InnerException is null)
        {
            throw diverged.At(Iteration, epoch);
        }
        Iteration++;
        var record = new LossRecord(Iteration, epoch, result.CriticLoss, result.GeneratorLoss, result.Scalars);
        _epochMeans.Add(record);
        foreach (var observer in Observers)
            observer.OnIteration(this, record);
        return record;
    }

    private RealBatch NextRealBatch()
    {
        using var indices = _sampler.NextIndices();
        using var onDevice = indices.to(_images.device);
        return new RealBatch(_images.index_select(0, onDevice), _labels?.index_select(0, onDevice));
    }

    private void CompleteEpoch(int epoch)
    {
        CompletedEpochs = epoch;
        using var end = new EpochEnd(epoch, Iteration, SampleFixedLatent, _epochMeans.TakeAll());
        Observers.Tell(observer => observer.OnEpochEnd(this, end));
    }

    /// <summary>Images (on the CPU) from the fixed latent batch, batch norm in inference mode (seed 000's is_training=False), from the weight average when kept.</summary>
    public Tensor SampleFixedLatent() => WithInferenceGenerator(generator =>
    {
        using (no_grad())
            return generator.forward(_fixedLatent).cpu();
    });

    /// <summary><paramref name="count"/> images (on the CPU, in [-1, 1]) from latents drawn with their own generator seeded by <paramref name="seed"/>, so that sampling leaves the run's random sequence alone.</summary>
    public Tensor Sample(int count, long seed)
    {
        if (count <= 0)
            throw new InvalidInputException("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        return WithInferenceGenerator(generator =>
        {
            using var scope = NewDisposeScope();
            return cat(GeneratedImages.Batches(generator, Components.Latent, Components.Device, count, seed, 250).ToList(), 0).MoveToOuterDisposeScope();
        });
    }

    /// <summary>Runs <paramref name="use"/> with the network samples come from, in inference mode: the weight average when kept, else the generator in eval mode (restored to training mode after).</summary>
    public T WithInferenceGenerator<T>(Func<nn.Module<Tensor, Tensor>, T> use)
    {
        if (Components.GeneratorAverage is not null)
            return use(Components.InferenceGenerator);
        Components.Generator.eval();
        try
        {
            return use(Components.Generator);
        }
        finally
        {
            Components.Generator.train();
        }
    }

    /// <summary>The critic's scores (in eval mode, on the CPU) of as many training images as <paramref name="samples"/> holds, and of <paramref name="samples"/>.</summary>
    internal (Tensor Real, Tensor Fake) CriticScores(Tensor samples)
    {
        var count = Math.Min(samples.shape[0], _images.shape[0]);
        var critic = Components.Critic;
        critic.eval();
        try
        {
            using var noGrad = no_grad();
            Tensor real, fake;
            // A projection critic judges each image as of its class: the training labels, and the fixed batch's classes for the samples.
            using (TrainingLabels.Condition(critic, _labels?[..(int)count]))
                real = critic.forward(_images[..(int)count]).view(-1).cpu();
            using (var fixedClasses = _labels is null ? null : Components.Latent.LabelsOf(_fixedLatent))
            using (TrainingLabels.Condition(critic, fixedClasses?[..(int)samples.shape[0]]))
                fake = critic.forward(samples.to(_images.device)).view(-1).cpu();
            return (real, fake);
        }
        finally
        {
            critic.train();
        }
    }

    /// <summary>What a checkpoint keeps of the run now.</summary>
    public TrainingState CaptureState() =>
        new(Config, Iteration, CompletedEpochs, Components, _sampler.GetState(), _fixedLatent, Data);

    /// <summary>Continues from <paramref name="checkpoint"/>: weights, optimisers, counters, random states and the fixed latent batch. A checkpoint of other images is refused.</summary>
    public void Restore(TrainingCheckpoint checkpoint)
    {
        if (checkpoint.Data is { } trained && !trained.SameImages(Data))
            throw new InvalidInputException("data", Data.Source, $"the run was trained on {trained}, not on these images ({Data}); pass the same images to resume it");
        var (samplerState, fixedLatent) = checkpoint.Restore(Components);
        using (samplerState)
            _sampler.SetState(samplerState);
        _fixedLatent.Dispose();
        using (fixedLatent) _fixedLatent = fixedLatent.to(Components.Device); // .to makes a new tensor even on the same device
        Iteration = checkpoint.Iteration;
        CompletedEpochs = checkpoint.CompletedEpochs;
        Components.GeneratorAverage?.Updates = Iteration;
        _step.CriticUpdates = Iteration * Config.NCritic; // every step does n_critic updates: the penalty falls where it would have
    }

    /// <summary>
    /// <paramref name="images"/> as the networks of <paramref name="config"/> see them: the first <c>max_images</c>,
    /// resized bicubically to <c>image_size</c>, in [-1, 1]. Another channel count than <c>image_channels</c> is an error.
    /// </summary>
    internal static LabeledImages AsTrainingSees(TrainingConfig config, LabeledImages images)
    {
        if (images.Channels != config.ImageChannels)
            throw new InvalidInputException("data", images.Source, $"images have {images.Channels} channel(s) but image_channels is {config.ImageChannels}");
        using var subset = ImageTransforms.TakeFirst(images, config.MaxImages);
        return ImageTransforms.ForModel(subset, config.ImageSize);
    }

    private static Tensor Prepare(TrainingConfig config, LabeledImages images)
    {
        using var scaled = AsTrainingSees(config, images);
        if (scaled.Count < config.BatchSize && config.Sampling == SamplingMode.Shuffle)
            throw new InvalidInputException("batch_size", config.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), $"exceeds the {scaled.Count} images of {images.Source}");
        return scaled.Images.clone();
    }

    // The sampler gets its own stream so that data order does not shift when model code draws more or fewer numbers.
    private static long DerivedSeed(long seed) => unchecked(seed * 6364136223846793005L + 1442695040888963407L);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var observer in Observers.OfType<IDisposable>())
            observer.Dispose();
        _sampler.Dispose();
        _images.Dispose();
        _fixedLatent.Dispose();
        if (_ownsComponents)
            Components.Dispose();
    }
}
