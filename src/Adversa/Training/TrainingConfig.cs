using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Losses;
using Adversa.Models;

namespace Adversa.Training;

/// <summary>
/// Everything a GAN run needs, as plain values. Precedence: these defaults &lt; a preset &lt; a
/// configuration file &lt; command-line options. The resolved value is written to the run's
/// config.json and into every checkpoint, so a resume rebuilds the same networks.
/// </summary>
public sealed record TrainingConfig
{
    /// <summary>The preset this configuration started from.</summary>
    public string Preset { get; init; } = "";
    /// <summary>Data-set name (shapes, shapes-test, mnist, fashion-mnist) or a path.</summary>
    public string Data { get; init; } = "shapes";
    /// <summary>Leave out images of a folder that cannot be read (truncated, damaged), counting them, instead of refusing the folder.</summary>
    public bool SkipUnreadableImages { get; init; }
    /// <summary>Use only the first N images (0: all).</summary>
    public int MaxImages { get; init; }
    /// <summary>Side of the square images the networks see (data are resized bicubically if needed).</summary>
    public int ImageSize { get; init; } = 64;
    /// <summary>Channels of the images (1 grey, 3 colour).</summary>
    public int ImageChannels { get; init; } = 3;

    /// <summary>Start the generator from these weights (.safetensors or .pth, as adversa export writes them or a PyTorch module of the same architecture saves them); empty: random initialisation.</summary>
    public string InitFrom { get; init; } = "";

    /// <summary>Generator architecture.</summary>
    public Architecture Generator { get; init; } = Architecture.Residual;
    /// <summary>Critic architecture.</summary>
    public Architecture Critic { get; init; } = Architecture.Residual;
    /// <summary>Width parameter of the generator (its meaning is per architecture; see the options records).</summary>
    public int GeneratorWidth { get; init; } = 32;
    /// <summary>Width parameter of the critic.</summary>
    public int CriticWidth { get; init; } = 32;
    /// <summary>Residual generator only: end on tanh (seed 003 ends on a linear convolution).</summary>
    public bool GeneratorTanh { get; init; }
    /// <summary>Residual generator only: normalisation inside its blocks (batch, layer or none; seed 003: none).</summary>
    public Normalization GeneratorNorm { get; init; } = Normalization.None;
    /// <summary>Normalisation in the critic: batch, layer or none (the DCGAN critics' seeds use batch, seed 003's residual critic none).</summary>
    public Normalization CriticNorm { get; init; } = Normalization.Batch;
    /// <summary>Dropout in the critic, where the architecture has it.</summary>
    public double CriticDropout { get; init; } = 0.3;
    /// <summary>LeakyReLU slope, where the architecture has it.</summary>
    public double LeakySlope { get; init; } = 0.2;
    /// <summary>Wrap every convolution and dense layer of the critic in spectral normalisation (Miyato et al. 2018).</summary>
    public bool CriticSpectralNorm { get; init; }
    /// <summary>Minibatch layer before the critic's scoring layer: none, stddev (Karras et al. 2018) or discrimination (Salimans et al. 2016).</summary>
    public BatchStatistics CriticBatchStatistics { get; init; } = BatchStatistics.None;
    /// <summary>Minibatch discrimination: number of kernels B.</summary>
    public int MinibatchKernels { get; init; } = 50;
    /// <summary>Minibatch discrimination: length C of each kernel's projection.</summary>
    public int MinibatchKernelDim { get; init; } = 5;
    /// <summary>Length of z.</summary>
    public int LatentDim { get; init; } = 128;
    /// <summary>Distribution of z: uniform (on [-1, 1]) or normal.</summary>
    public LatentDistribution LatentDistribution { get; init; } = LatentDistribution.Normal;

    /// <summary>Adversarial loss.</summary>
    public LossKind Loss { get; init; } = LossKind.Wasserstein;
    /// <summary>Critic regulariser: gradient_penalty, r1, weight_clipping or none.</summary>
    public RegularizerKind Regularizer { get; init; } = RegularizerKind.GradientPenalty;
    /// <summary>lambda of the gradient penalty.</summary>
    public double GpWeight { get; init; } = 10;
    /// <summary>Lazy regularisation (Karras et al. 2020): the penalty (gradient_penalty, r1) on every k-th critic update only, at k times its weight (1: every update).</summary>
    public int RegularizerEvery { get; init; } = 1;
    /// <summary>What the gradient penalty takes one norm of: sample (Gulrajani et al., seed 004) or channel (seed 003's code).</summary>
    public GradientNormScope GpNorm { get; init; } = GradientNormScope.Sample;
    /// <summary>gamma of the R1 penalty.</summary>
    public double R1Gamma { get; init; } = 10;
    /// <summary>Bound of weight clipping.</summary>
    public double ClipValue { get; init; } = 0.01;
    /// <summary>What the generator minimises: adversarial (the loss's generator term), feature_matching (Salimans et al. 2016: only the feature term) or adversarial+feature_matching (seed 004: the feature term added).</summary>
    public GeneratorObjective GeneratorObjective { get; init; } = GeneratorObjective.Adversarial;
    /// <summary>Weight of the feature-matching term in adversarial+feature_matching.</summary>
    public double FeatureMatchingWeight { get; init; } = 1;
    /// <summary>Weight of mode seeking (Mao et al. 2019) in the generator's loss: images as far apart as their latents (0: off).</summary>
    public double ModeSeekingWeight { get; init; }
    /// <summary>Decay of the exponential moving average of the generator's weights used for samples (0: off; 0.999 is usual).</summary>
    public double GeneratorEmaDecay { get; init; }
    /// <summary>Differentiable augmentation (Zhao et al. 2020) of real and generated images before the critic: none, or any of color, translation, cutout.</summary>
    public AugmentationPolicy DiffAugment { get; init; } = AugmentationPolicy.None;
    /// <summary>Class-conditional training: none; on the data's labels, projection (the critic judges image and class together), acgan (the critic names the class) or projection_acgan (both); without labels, infogan (a latent code the critic recovers) or clusters (k-means clusters of the images as classes, a projection critic). The generator then takes a class with z.</summary>
    public Conditioning Condition { get; init; } = Conditioning.None;
    /// <summary>Number of classes of a conditional run (0: the data set's, or 10 codes or clusters for infogan and clusters; decided when training starts and kept in config.json).</summary>
    public int Classes { get; init; }
    /// <summary>
    /// projection, acgan and projection_acgan: each class split into this many k-means clusters of equal size (of its images' pixels),
    /// which the networks take as conditions of their own, as a self-conditioned run takes clusters; a sample of a class
    /// draws one of its clusters uniformly. 1 (default): the classes themselves.
    /// </summary>
    public int ClustersPerClass { get; init; } = 1;
    /// <summary>acgan, projection_acgan and infogan: weight of the auxiliary classifier's cross-entropy in both players' losses.</summary>
    public double ClassLossWeight { get; init; } = 1;
    /// <summary>Critic steps per generator step.</summary>
    public int NCritic { get; init; } = 1;
    /// <summary>Generator updates per step, after the critic's (seed 000: more of them when the critic's loss falls too fast).</summary>
    public int GSteps { get; init; } = 1;

    /// <summary>Adam learning rate of the generator.</summary>
    public double GLr { get; init; } = 1e-4;
    /// <summary>Adam beta1 of the generator.</summary>
    public double GBeta1 { get; init; } = 0.5;
    /// <summary>Adam beta2 of the generator.</summary>
    public double GBeta2 { get; init; } = 0.9;
    /// <summary>Adam learning rate of the critic.</summary>
    public double DLr { get; init; } = 1e-4;
    /// <summary>Adam beta1 of the critic.</summary>
    public double DBeta1 { get; init; } = 0.5;
    /// <summary>Adam beta2 of the critic.</summary>
    public double DBeta2 { get; init; } = 0.9;

    /// <summary>Images per batch.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Epochs to train.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Generator steps per epoch (0: one pass over the data, batch_size images per critic step).</summary>
    public int IterationsPerEpoch { get; init; }
    /// <summary>Batch sampling: shuffle (epochs of permutations) or replacement (seed 000).</summary>
    public SamplingMode Sampling { get; init; } = SamplingMode.Shuffle;

    /// <summary>The one seed of the run.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>cpu, cuda or cuda:N.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Number format of the networks' convolutions: fp32, bf16 (mixed precision: float32 weights, optimiser state, normalisation, losses and penalty), or auto (bf16 where the processor has it in hardware).</summary>
    public Precision Precision { get; init; } = Precision.Fp32;
    /// <summary>libtorch threads (0: one per core).</summary>
    public int Threads { get; init; }
    /// <summary>Images in the fixed latent batch drawn as a grid each epoch.</summary>
    public int SampleCount { get; init; } = 64;

    /// <summary>Seconds of training between redraws of losses.png and report.html (both are also drawn after the first epoch and when training stops).</summary>
    public double RedrawSeconds { get; init; } = 60;

    /// <summary>Also keep checkpoints/epoch_NNNN.ckpt every N epochs (0: only last.ckpt), to score or sample the networks as they were then.</summary>
    public int CheckpointEvery { get; init; }

    /// <summary>Write TensorBoard event files under events/.</summary>
    public bool Tensorboard { get; init; } = true;

    /// <summary>Measure the generator every N epochs (and after the last) into metrics.csv; 0: never.</summary>
    public int EvalEvery { get; init; }
    /// <summary>Generated images per measurement (the reference is the data set's whole test split).</summary>
    public int EvalSamples { get; init; } = 2000;
    /// <summary>Feature network of the measurements (a built-in classifier's name, a classifier file or a TorchScript .pt); empty: the one that suits the data.</summary>
    public string EvalFeatures { get; init; } = "";
    /// <summary>Metrics of the measurements: any of fid, kid, is, pr.</summary>
    public MetricKinds EvalMetrics { get; init; } = MetricKinds.All;

    /// <summary>Serialises to indented snake_case JSON (<see cref="Runtime.ConfigJson"/>).</summary>
    public string ToJson() => Runtime.ConfigJson.Serialize(this);

    /// <summary>Parses JSON written by <see cref="ToJson"/>.</summary>
    public static TrainingConfig FromJson(string json) => Runtime.ConfigJson.Deserialize<TrainingConfig>(json);
}
