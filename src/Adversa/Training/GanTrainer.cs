using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Imaging;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// The one training loop for every GAN variant: a variant is the configured composition of generator,
/// critic, loss, regulariser and n_critic. Each generator step is preceded by n_critic critic steps;
/// each epoch ends with a sample grid from the fixed latent batch, a checkpoint and the loss plot; progress.gif
/// is written when training stops.
/// </summary>
public sealed class GanTrainer : IDisposable
{
    private readonly RunLayout _layout;
    private readonly Device _device;
    private readonly Tensor _images;
    private readonly BatchSampler _sampler;
    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly nn.Module<Tensor, Tensor> _critic;
    private readonly Parameter[] _criticParameters;
    private readonly Parameter[] _generatorParameters;
    private readonly Tensor[] _buffers;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _criticOptimizer;
    private readonly IAdversarialLoss _loss;
    private readonly ICriticRegularizer _regularizer;
    private readonly GeneratorObjective _objective;
    private readonly Critic? _featureCritic;
    private readonly WeightAverage? _generatorAverage;
    private readonly TrainingEvaluation? _evaluation;
    private readonly TrainingEventLog? _events;
    private readonly System.Diagnostics.Stopwatch _sessionClock = new();
    private double _secondsBeforeSession;
    private readonly LatentDistribution _latent;
    private readonly Tensor _fixedLatent;
    private readonly LossLog _lossLog;

    private GanTrainer(TrainingConfig config, RunLayout layout, TrainingCheckpoint? checkpoint, LabeledImages? data = null)
    {
        Config = config;
        _layout = layout;
        Reproducibility.SetThreads(config.Threads);
        Reproducibility.Seed(config.Seed);
        _device = ComputeDevice.Resolve(config.Device);

        _images = PrepareImages(config, data).to(_device);
        _sampler = new BatchSampler(_images.shape[0], config.BatchSize, ConfigValidation.ParseSampling(config.Sampling), DerivedSeed(config.Seed));
        IterationsPerEpoch = config.IterationsPerEpoch > 0 ? config.IterationsPerEpoch : Math.Max(1, _sampler.BatchesPerPass / config.NCritic);

        _generator = NetworkCatalog.CreateGenerator(config).to(_device);
        _critic = NetworkCatalog.CreateCritic(config).to(_device);
        _criticParameters = [.. _critic.parameters()];
        _generatorParameters = [.. _generator.parameters()];
        _buffers = [.. _generator.buffers(), .. _critic.buffers()];
        _generatorOptimizer = optim.Adam(_generatorParameters, config.GLr, config.GBeta1, config.GBeta2);
        _criticOptimizer = optim.Adam(_criticParameters, config.DLr, config.DBeta1, config.DBeta2);
        _loss = LossCatalog.CreateLoss(config.Loss);
        _regularizer = LossCatalog.CreateRegularizer(config);
        _latent = LatentDistribution.Parse(config.LatentDistribution, config.LatentDim);
        _objective = FeatureMatching.ParseObjective(config.GeneratorObjective);
        _featureCritic = _critic as Critic;
        if (_objective != GeneratorObjective.Adversarial && _featureCritic is null)
            throw new InvalidInputException($"generator_objective: {config.GeneratorObjective} needs a critic that exposes its hidden features (a subclass of Models.Critic); '{config.Critic}' does not");
        if (config.GeneratorEmaDecay > 0)
            _generatorAverage = new WeightAverage(_generator, NetworkCatalog.CreateGenerator(config).to(_device), config.GeneratorEmaDecay);

        _evaluation = TrainingEvaluation.Create(config, layout, _device);
        _events = config.Tensorboard ? new TrainingEventLog(layout.EventsDirectory) : null;

        if (checkpoint is null)
        {
            _fixedLatent = _latent.Sample(config.SampleCount, _device);
            _lossLog = LossLog.Create(layout.LossesCsvPath);
        }
        else
        {
            var (samplerState, fixedLatent) = checkpoint.Restore(_generator, _critic, _generatorOptimizer, _criticOptimizer, _generatorAverage?.Averaged);
            _sampler.SetState(samplerState);
            _fixedLatent = fixedLatent.to(_device);
            Iteration = checkpoint.Iteration;
            CompletedEpochs = checkpoint.CompletedEpochs;
            _lossLog = LossLog.Resume(layout.LossesCsvPath, checkpoint.Iteration);
        }
    }

    /// <summary>The frozen configuration.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Generator steps per epoch.</summary>
    public long IterationsPerEpoch { get; }

    /// <summary>Generator steps done.</summary>
    public long Iteration { get; private set; }

    /// <summary>Epochs completed (and checkpointed).</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>The rows logged so far.</summary>
    public IReadOnlyList<LossRecord> Losses => _lossLog.Records;

    /// <summary>Starts a run in <paramref name="runDirectory"/>, which must not already hold one; writes the frozen config.json. <paramref name="data"/>, when given, replaces the configured data set (byte-valued or [-1, 1] images).</summary>
    public static GanTrainer Start(TrainingConfig config, string runDirectory, LabeledImages? data = null)
    {
        ConfigValidation.Validate(config);
        var layout = new RunLayout(runDirectory);
        if (File.Exists(layout.LastCheckpointPath) || File.Exists(layout.ConfigPath))
            throw new InvalidInputException($"--out {runDirectory}: already holds a run (pass --resume to continue it, or choose another --out)");
        Directory.CreateDirectory(layout.CheckpointsDirectory);
        Directory.CreateDirectory(layout.SamplesDirectory);
        AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        try
        {
            return new GanTrainer(config, layout, checkpoint: null, data);
        }
        catch
        {
            // A run that could not start (bad data, an unusable evaluation setting) leaves the directory reusable.
            File.Delete(layout.ConfigPath);
            throw;
        }
    }

    /// <summary>Continues the run in <paramref name="runDirectory"/> from its last checkpoint; <paramref name="epochs"/>, if given, changes the final epoch.</summary>
    public static GanTrainer Resume(string runDirectory, int? epochs = null)
    {
        var layout = new RunLayout(runDirectory);
        var checkpoint = TrainingCheckpoint.Read(layout.LastCheckpointPath);
        var config = epochs is { } e ? checkpoint.Config with { Epochs = e } : checkpoint.Config;
        ConfigValidation.Validate(config);
        if (epochs is not null)
            AtomicFile.WriteAllText(layout.ConfigPath, config.ToJson());
        return new GanTrainer(config, layout, checkpoint);
    }

    /// <summary>Trains until <see cref="TrainingConfig.Epochs"/> are complete or <paramref name="cancellation"/> fires (then stops at the next iteration; the last checkpoint stays valid); then writes progress.gif of the completed epochs.</summary>
    public void Train(ITrainingObserver observer, CancellationToken cancellation = default)
    {
        observer.OnStart(new TrainingPlan(CompletedEpochs + 1, Config.Epochs, IterationsPerEpoch, Iteration));
        _secondsBeforeSession = EpochTimes.Read(_layout.EpochsCsvPath).LastOrDefault(t => t.Epoch <= CompletedEpochs)?.Seconds ?? 0;
        _sessionClock.Restart();
        try
        {
            for (var epoch = CompletedEpochs + 1; epoch <= Config.Epochs; epoch++)
            {
                _sampler.BeginEpoch();
                for (long step = 0; step < IterationsPerEpoch; step++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    observer.OnIteration(TrainIteration(epoch));
                }
                CompleteEpoch(epoch);
                observer.OnEpochEnd(epoch, _layout.SampleGridPath(epoch));
            }
        }
        catch (OperationCanceledException)
        {
            WriteProgressAnimation();
            throw;
        }
        _lossLog.Flush();
        WriteProgressAnimation();
    }

    /// <summary>A step whose loss or gradients are not finite is recomputed at most this many times before the run counts as diverged.</summary>
    public const int MaxRetries = 10;

    /// <summary>Optimiser steps recomputed because their loss or gradients were not finite (see <see cref="MaxRetries"/>).</summary>
    public long RetriedSteps { get; private set; }

    /// <summary>One generator step preceded by n_critic critic steps; logs and returns its losses.</summary>
    public LossRecord TrainIteration(int epoch)
    {
        using var gcPause = GarbageCollectionPause.Enter();
        using var scope = NewDisposeScope();
        var batchSize = Config.BatchSize;
        CriticStepResult critic = null!;
        Tensor real = null!;

        // (1) Update the critic: minimise loss.CriticLoss(C(x), C(G(z))) + penalty, n_critic times.
        for (var k = 0; k < Config.NCritic; k++)
        {
            real = _images.index_select(0, _sampler.NextIndices().to(_device));
            critic = WithRetries(epoch, "critic", () => CriticStep(real, batchSize));
        }

        // (2) Update the generator: minimise its objective (feature matching compares with the last real batch);
        // the critic's weights need no gradients here.
        SetCriticTrainable(false);
        Tensor generatorLoss;
        try
        {
            generatorLoss = WithRetries(epoch, "generator", () =>
            {
                _generatorOptimizer.zero_grad();
                var loss = GeneratorLoss(real, batchSize);
                return TryApply(loss, _generatorOptimizer, _generatorParameters) ? loss : null;
            });
        }
        finally
        {
            SetCriticTrainable(true);
        }

        _generatorAverage?.Update(Iteration);
        Iteration++;
        var record = new LossRecord(Iteration, epoch, critic.Loss.item<float>(), generatorLoss.item<float>(),
            critic.Penalty?.item<float>(), _loss is WassersteinLoss ? critic.WassersteinEstimate.item<float>() : null);
        _lossLog.Append(record);
        _events?.Iteration(record, Config.GLr, Config.DLr);
        return record;
    }

    private Tensor GeneratorLoss(Tensor real, int batchSize)
    {
        var fake = _generator.forward(_latent.Sample(batchSize, _device));
        if (_objective == GeneratorObjective.Adversarial)
            return _loss.GeneratorLoss(_critic.forward(fake));
        var fakeFeatures = _featureCritic!.Features(fake);
        Tensor realFeatures;
        using (no_grad())
            realFeatures = _featureCritic.Features(real);
        var matching = FeatureMatching.Loss(realFeatures, fakeFeatures);
        return _objective == GeneratorObjective.FeatureMatching
            ? matching
            : _loss.GeneratorLoss(_featureCritic.ScoreFeatures(fakeFeatures)) + Config.FeatureMatchingWeight * matching;
    }

    private sealed record CriticStepResult(Tensor Loss, Tensor? Penalty, Tensor WassersteinEstimate);

    private CriticStepResult? CriticStep(Tensor real, int batchSize)
    {
        Tensor fake;
        using (no_grad())
            fake = _generator.forward(_latent.Sample(batchSize, _device));
        _criticOptimizer.zero_grad();
        var realScores = _critic.forward(real);
        var fakeScores = _critic.forward(fake);
        var loss = _loss.CriticLoss(realScores, fakeScores);
        var penalty = _regularizer.Penalty(_critic, real, fake);
        if (penalty is not null)
            loss = loss + penalty.Weighted;
        if (!TryApply(loss, _criticOptimizer, _criticParameters))
            return null;
        _regularizer.AfterCriticStep(_critic);
        return new CriticStepResult(loss, penalty?.Raw, realScores.mean() - fakeScores.mean());
    }

    // Backpropagates and steps only when the loss and every gradient are finite. libtorch's oneDNN kernels
    // occasionally emit NaN here (see NativeRuntimeSettings); one such step would poison Adam's moments for good.
    private static bool TryApply(Tensor loss, OptimizerHelper optimizer, Parameter[] parameters)
    {
        if (!loss.isfinite().item<bool>())
            return false;
        loss.backward();
        var gradientsFinite = stack(parameters.Where(p => p.grad is not null).Select(p => p.grad!.isfinite().all()).ToArray()).all().item<bool>();
        if (!gradientsFinite)
        {
            optimizer.zero_grad();
            return false;
        }
        optimizer.step();
        return true;
    }

    // A failed step is recomputed from the same real batch, the same libtorch random state and the same
    // buffers (batch-norm running statistics, which a failed attempt's forward passes already updated),
    // so a transient kernel fault leaves no trace: the run stays what its seed makes it.
    private T WithRetries<T>(int epoch, string network, Func<T?> step) where T : class
    {
        using var randomState = torch.random.get_rng_state();
        var savedBuffers = _buffers.Select(b => b.clone()).ToArray();
        for (var attempt = 0; attempt <= MaxRetries; attempt++)
        {
            if (attempt > 0)
            {
                torch.random.set_rng_state(randomState);
                using var noGrad = no_grad();
                for (var i = 0; i < _buffers.Length; i++)
                    _buffers[i].copy_(savedBuffers[i]);
            }
            if (step() is { } result)
                return result;
            RetriedSteps++;
        }
        _lossLog.Flush();
        throw new TrainingDivergedException(
            $"training diverged at iteration {Iteration + 1} (epoch {epoch}): the {network} loss or its gradients were NaN or infinite in {MaxRetries + 1} attempts; " +
            $"{_layout.LastCheckpointPath} still holds epoch {CompletedEpochs}; if the losses were growing, try lower learning rates (--set g_lr=... --set d_lr=...) or more critic steps (--set n_critic=5); " +
            $"if not, libtorch's oneDNN kernels may be faulting on this CPU ({NativeRuntimeSettings.IsaVariable}={NativeRuntimeSettings.EffectiveIsa ?? "unset"}; try SSE41)");
    }

    /// <summary>Images from the fixed latent batch, with batch norm in inference mode (seed 000's is_training=False), from the weight average when configured.</summary>
    public Tensor SampleFixedLatent() => WithInferenceGenerator(generator =>
    {
        using (no_grad())
            return generator.forward(_fixedLatent).cpu();
    });

    /// <summary>The last metrics measured (eval_every), or null.</summary>
    public MetricResults? LastMetrics { get; private set; }

    // The critic (in eval mode) on as many real images as there are fixed-latent samples, and on those samples.
    private (Tensor Real, Tensor Fake) CriticScores(Tensor samples)
    {
        var count = Math.Min(samples.shape[0], _images.shape[0]);
        _critic.eval();
        try
        {
            using (no_grad())
                return (_critic.forward(_images[..(int)count]).view(-1).cpu(), _critic.forward(samples.to(_device)).view(-1).cpu());
        }
        finally
        {
            _critic.train();
        }
    }

    // The generator as samples are drawn from it: the weight average when kept, else the generator in eval mode.
    private T WithInferenceGenerator<T>(Func<nn.Module<Tensor, Tensor>, T> use)
    {
        if (_generatorAverage is not null)
            return use((nn.Module<Tensor, Tensor>)_generatorAverage.Averaged);
        _generator.eval();
        try
        {
            return use(_generator);
        }
        finally
        {
            _generator.train();
        }
    }

    private void CompleteEpoch(int epoch)
    {
        using (var scope = NewDisposeScope())
        {
            var samples = SampleFixedLatent();
            AtomicFile.WriteAllBytes(_layout.SampleGridPath(epoch), ImageGrid.ToPng(samples));
            if (_events is not null)
            {
                var (real, fake) = CriticScores(samples);
                _events.Epoch(Iteration, epoch, _layout.SampleGridPath(epoch), real, fake);
            }
        }
        CompletedEpochs = epoch;
        _lossLog.Flush();
        using (var samplerState = _sampler.GetState())
        {
            TrainingCheckpoint.Save(_layout.LastCheckpointPath, new TrainingState(Config, Iteration, CompletedEpochs,
                _generator, _critic, _generatorOptimizer, _criticOptimizer, samplerState, _fixedLatent, _generatorAverage?.Averaged));
        }
        AtomicFile.WriteAllBytes(_layout.LossesPlotPath, LossPlot.ToPng(_lossLog.Records));
        if (_evaluation is not null && _evaluation.IsDue(epoch))
        {
            LastMetrics = WithInferenceGenerator(generator => _evaluation.Measure(epoch, Iteration,
                TrainedGenerator.GeneratedBatches(generator, _latent, _device, Config.EvalSamples, Config.Seed, batchSize: 250)));
            _events?.Metrics(Iteration, LastMetrics);
        }
        EpochTimes.Append(_layout.EpochsCsvPath, new EpochTime(epoch, Iteration, _secondsBeforeSession + _sessionClock.Elapsed.TotalSeconds, DateTimeOffset.UtcNow));
        RunReport.Write(_layout.Root);
    }

    // Encoding takes seconds for 60 large grids (as long as a demo epoch), so the animation is written when
    // training stops, not at every epoch end.
    private void WriteProgressAnimation()
    {
        var grids = _layout.SampleGridPaths(CompletedEpochs);
        if (grids.Count > 0)
            AtomicFile.WriteAllBytes(_layout.ProgressGifPath, TrainingAnimation.ToGif(grids));
    }

    private void SetCriticTrainable(bool trainable)
    {
        foreach (var parameter in _criticParameters)
            parameter.requires_grad = trainable;
    }

    private static Tensor PrepareImages(TrainingConfig config, LabeledImages? data)
    {
        var loaded = data ?? DatasetCatalog.Load(config.Data, config.Seed, config.ImageChannels, config.ImageSize);
        try
        {
            return ScaleForTraining(config, loaded);
        }
        finally
        {
            if (data is null)
                loaded.Dispose();
        }
    }

    private static Tensor ScaleForTraining(TrainingConfig config, LabeledImages loaded)
    {
        if (loaded.Channels != config.ImageChannels)
            throw new InvalidInputException($"--data {config.Data}: images have {loaded.Channels} channel(s) but image_channels is {config.ImageChannels}");
        using var subset = ImageTransforms.TakeFirst(loaded, config.MaxImages);
        using var scaled = ImageTransforms.ForModel(subset, config.ImageSize);
        if (scaled.Count < config.BatchSize && config.Sampling == "shuffle")
            throw new InvalidInputException($"batch_size: {config.BatchSize} exceeds the {scaled.Count} images of --data {config.Data}");
        return scaled.Images.clone();
    }

    // The sampler gets its own stream so that data order does not shift when model code draws more or fewer numbers.
    private static long DerivedSeed(long seed) => unchecked(seed * 6364136223846793005L + 1442695040888963407L);

    /// <inheritdoc />
    public void Dispose()
    {
        _lossLog.Dispose();
        _sampler.Dispose();
        _images.Dispose();
        _fixedLatent.Dispose();
        _generator.Dispose();
        _generatorAverage?.Averaged.Dispose();
        _evaluation?.Dispose();
        _critic.Dispose();
        _generatorOptimizer.Dispose();
        _criticOptimizer.Dispose();
    }
}
