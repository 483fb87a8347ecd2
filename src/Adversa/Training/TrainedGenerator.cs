using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>A run's generator, loaded from its last checkpoint for sampling.</summary>
public sealed class TrainedGenerator : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly LatentSampler _latent;

    private TrainedGenerator(TrainingConfig config, nn.Module<Tensor, Tensor> generator)
    {
        Config = config;
        _generator = generator;
        _latent = new LatentSampler(config.LatentDistribution, config.LatentDim);
    }

    /// <summary>The run's configuration.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Loads the generator of the run in <paramref name="runDirectory"/> (on the CPU), in inference mode: its weight average when the run keeps one.</summary>
    public static TrainedGenerator Load(string runDirectory)
    {
        var checkpoint = TrainingCheckpoint.ReadRun(runDirectory);
        var generator = NetworkFactory.CreateGenerator(checkpoint.Config);
        if (checkpoint.HasGeneratorAverage)
            checkpoint.LoadGeneratorAverage(generator);
        else
            checkpoint.LoadGenerator(generator);
        generator.eval();
        return new TrainedGenerator(checkpoint.Config, generator);
    }

    /// <summary><paramref name="count"/> images (N x C x H x W in [-1, 1]) from latent vectors drawn with <paramref name="seed"/>.</summary>
    public Tensor Sample(int count, long seed)
    {
        if (count <= 0)
            throw new InvalidInputException("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        MemoryBudget.Check(count, 4L * Config.ImageChannels * Config.ImageSize * Config.ImageSize, "count");
        using var latents = Latents(count, seed);
        return Generate(latents);
    }

    /// <summary>The latent vectors (N x latent_dim) that <see cref="Sample"/> turns into images for the same arguments, in the same order.</summary>
    public Tensor Latents(int count, long seed)
    {
        Reproducibility.Seed(seed);
        return _latent.Sample(count, CPU);
    }

    /// <summary>The images (N x C x H x W in [-1, 1]) of <paramref name="latents"/>.</summary>
    public Tensor Generate(Tensor latents)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
            return _generator.forward(latents).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// <paramref name="count"/> images in batches of <paramref name="batchSize"/> (each a new tensor for the caller to
    /// dispose), from latent vectors drawn with their own generator seeded by <paramref name="seed"/>.
    /// </summary>
    public IEnumerable<Tensor> SampleBatches(long count, long seed, int batchSize = 250)
    {
        if (count <= 0)
            throw new InvalidInputException("samples", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        return GeneratedImages.Batches(_generator, _latent, CPU, count, seed, batchSize);
    }

    /// <summary>
    /// <paramref name="rows"/> walks of <paramref name="steps"/> images each between pairs of latent points drawn with
    /// <paramref name="seed"/>: (rows * steps) images, the first row's first.
    /// </summary>
    public Tensor Interpolate(int rows, int steps, LatentPathKind mode, long seed)
    {
        if (rows <= 0)
            throw new InvalidInputException("rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        MemoryBudget.Check((long)rows * steps, 4L * Config.ImageChannels * Config.ImageSize * Config.ImageSize, "rows");
        Reproducibility.Seed(seed);
        using var scope = NewDisposeScope();
        var from = _latent.Sample(rows, CPU);
        var to = _latent.Sample(rows, CPU);
        return Walk(from, to, steps, mode).MoveToOuterDisposeScope();
    }

    /// <summary>Walks of <paramref name="steps"/> images from each row of <paramref name="from"/> to the same row of <paramref name="to"/>: (rows * steps) images, the first row's first.</summary>
    public Tensor Walk(Tensor from, Tensor to, int steps, LatentPathKind mode)
    {
        using var path = LatentInterpolation.Path(from, to, steps, mode);
        return Generate(path);
    }

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();
}
