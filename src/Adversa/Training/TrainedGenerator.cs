using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>A run's generator, loaded from its last checkpoint for sampling.</summary>
public sealed class TrainedGenerator : IDisposable
{
    private readonly nn.Module<Tensor, Tensor> _generator;
    private LatentSampler _latent;

    private TrainedGenerator(TrainingConfig config, nn.Module<Tensor, Tensor> generator)
    {
        Config = config;
        _generator = generator;
        _latent = LatentSampler.For(config);
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

    /// <summary>
    /// The truncation trick for everything this generator draws from now on (<see cref="LatentSampler.Truncation"/>):
    /// z cut to [-t, t], more typical images and less variety; null (as loaded): z as in training.
    /// </summary>
    public double? Truncation
    {
        get => _latent.Truncation;
        set => _latent = LatentSampler.IsTruncation(value) ? _latent with { Truncation = value }
            : throw new InvalidInputException("truncation", value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive (z cut to [-t, t]; about 0.5 to 2 is useful)");
    }

    /// <summary>Classes a conditional generator draws (0: unconditional).</summary>
    public int Classes => _latent.DataClasses;

    /// <summary>
    /// <paramref name="count"/> images (N x C x H x W in [-1, 1]) from latent vectors drawn with <paramref name="seed"/>;
    /// a conditional generator's of class <paramref name="classIndex"/>, or of uniformly drawn classes without it.
    /// </summary>
    public Tensor Sample(int count, long seed, int? classIndex = null)
    {
        if (count <= 0)
            throw new InvalidInputException("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        MemoryBudget.Check(count, 4L * Config.ImageChannels * Config.ImageSize * Config.ImageSize, "count");
        using var latents = Latents(count, seed, classIndex);
        return Generate(latents);
    }

    /// <summary>The latent vectors (N x latent_dim, then a conditional generator's one-hot class) that <see cref="Sample"/> turns into images for the same arguments, in the same order.</summary>
    public Tensor Latents(int count, long seed, int? classIndex = null)
    {
        if (classIndex is { } c && (Classes == 0 || c < 0 || c >= Classes))
            throw new InvalidInputException("class", c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Classes == 0 ? UnconditionalRun : $"must be between 0 and {Classes - 1}");
        Reproducibility.Seed(seed);
        using var labels = classIndex is { } chosen ? _latent.ConditionsOfClass(chosen, count) : null;
        return _latent.Sample(count, CPU, labels);
    }

    // What asking an unconditional run for a class says, by index (sample --class) or by name (interpolate --from).
    private const string UnconditionalRun = "the run's generator is unconditional (a run with the setting condition=projection, acgan, projection_acgan, infogan or clusters draws by class)";

    /// <summary>
    /// The index of a conditional run's class named <paramref name="nameOrIndex"/>: an index, or a class name of the run's
    /// data (read from the data set, which must then be present).
    /// </summary>
    public int ClassIndex(string nameOrIndex, string setting)
    {
        if (Classes == 0)
            throw new InvalidInputException(setting, nameOrIndex, UnconditionalRun);
        if (int.TryParse(nameOrIndex, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < Classes)
            return index;
        if (Config.Condition is Models.Conditioning.LatentCode or Models.Conditioning.Clusters)
            throw new InvalidInputException(setting, nameOrIndex, $"the run's classes are {(Config.Condition == Models.Conditioning.Clusters ? "clusters of its images" : "InfoGAN's latent codes")}, numbered 0 to {Classes - 1}");
        using var data = Data.DataSource.Resolve(Config.Data).Load(Data.DatasetSplit.Train, Config.Seed, Config.ImageChannels, Config.ImageSize);
        var byName = Array.IndexOf(data.ClassNames, nameOrIndex);
        return byName >= 0 && byName < Classes ? byName
            : throw new InvalidInputException(setting, nameOrIndex, $"not a class of the run (classes: {string.Join(", ", data.ClassNames.Take(Classes).Select((n, i) => $"{i} {n}"))})");
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
    /// dispose), from latent vectors drawn with their own generator seeded by <paramref name="seed"/>; a conditional
    /// generator's of class <paramref name="classIndex"/>, or of uniformly drawn classes without it.
    /// </summary>
    public IEnumerable<Tensor> SampleBatches(long count, long seed, int batchSize = 250, int? classIndex = null)
    {
        if (count <= 0)
            throw new InvalidInputException("samples", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        return GeneratedImages.Batches(_generator, _latent, CPU, count, seed, batchSize, classIndex);
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
        using var path = _latent.Path(from, to, steps, mode);
        return Generate(path);
    }

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();
}
