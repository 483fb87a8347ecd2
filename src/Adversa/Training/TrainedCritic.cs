using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Models;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>A run's critic (or discriminator), loaded from its last checkpoint in inference mode, to score images (seed 003's critic as a classifier).</summary>
public sealed class TrainedCritic : IDisposable
{
    private readonly Critic _critic;

    private TrainedCritic(TrainingConfig config, Critic critic, int completedEpochs)
    {
        Config = config;
        _critic = critic;
        CompletedEpochs = completedEpochs;
    }

    /// <summary>The run's configuration.</summary>
    public TrainingConfig Config { get; }

    /// <summary>Epochs the critic was trained for.</summary>
    public int CompletedEpochs { get; }

    /// <summary>Loads the critic of the run in <paramref name="runDirectory"/> (on the CPU), as it was at its last checkpoint or at the one kept after <paramref name="epoch"/>.</summary>
    public static TrainedCritic Load(string runDirectory, int? epoch = null)
    {
        var checkpoint = TrainingCheckpoint.ReadRun(runDirectory, epoch);
        var critic = NetworkFactory.CreateCritic(checkpoint.Config);
        checkpoint.LoadCritic(critic);
        critic.eval();
        return new TrainedCritic(checkpoint.Config, critic, checkpoint.CompletedEpochs);
    }

    /// <summary>
    /// The raw score of each image (N x C x H x W in [-1, 1], the critic's size), in batches of
    /// <paramref name="batchSize"/>. Minibatch layers make a score depend on its batch mates; batches are then
    /// as large as in training. A projection critic (a class-conditional run's) judges each image as of its class in
    /// <paramref name="labels"/>, which it then needs; a self-conditioned run's judges each image as of the cluster it
    /// fits best, and ignores labels (its clusters are not the data's classes).
    /// </summary>
    public double[] Score(Tensor images, int batchSize = 64, long[]? labels = null)
    {
        var conditional = ClassConditionalCritics.Of(_critic);
        var selfConditioned = conditional is not null && Config.Condition == Conditioning.Clusters;
        // The conditions an image of one class may have: its class's clusters, or, self-conditioned, every cluster.
        var clustersPerClass = selfConditioned ? conditional!.Classes : Config.ClustersPerClass;
        var classes = conditional is null ? 0 : conditional.Classes / clustersPerClass;
        if (selfConditioned)
            labels = new long[images.shape[0]];
        else if (conditional is not null && (labels is null || labels.Length != images.shape[0] || labels.Any(l => l < 0 || l >= classes)))
            throw new InvalidInputException("data", null, $"the run's critic judges each image with its class: score labelled images of its {classes} classes");
        var scores = new List<double>((int)images.shape[0]);
        for (long start = 0; start < images.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var count = Math.Min(batchSize, images.shape[0] - start);
            var batch = images.narrow(0, start, count);
            if (conditional is null)
            {
                scores.AddRange(_critic.forward(batch).view(-1).to_type(ScalarType.Float64).data<double>().ToArray());
                continue;
            }
            // A run that splits each class (or, self-conditioned, the whole data) into clusters judged its images as of
            // their own cluster, which is not kept: an image's score is its best over its class's clusters, the cluster it fits.
            var classOf = tensor(labels!.AsSpan((int)start, (int)count).ToArray());
            // The class only enters the score, after the features (a self-conditioned run has 30 clusters): features once.
            var features = _critic.Features(batch);
            var best = full([count], double.NegativeInfinity, ScalarType.Float64);
            for (var cluster = 0; cluster < clustersPerClass; cluster++)
            {
                using var condition = conditional.Condition(classOf * clustersPerClass + cluster);
                best = maximum(best, _critic.ScoreFeatures(features).view(-1).to_type(ScalarType.Float64));
            }
            scores.AddRange(best.data<double>().ToArray());
        }
        return [.. scores];
    }

    /// <summary>
    /// The score of every image of <paramref name="data"/> (its images as the critic's training images were prepared;
    /// generated sets drawn with <paramref name="seed"/>), with its label and class where the data has them.
    /// </summary>
    public IReadOnlyList<ImageScore> Score(DataSource data, long seed)
    {
        using var loaded = data.Load(DatasetSplit.Train, seed, Config.ImageChannels, Config.ImageSize);
        if (loaded.Channels != Config.ImageChannels)
            throw new InvalidInputException("data", data.Name, $"images have {loaded.Channels} channel(s), the critic takes {Config.ImageChannels}");
        using var images = ImageTransforms.ForModel(loaded, Config.ImageSize);
        var labelled = images.Labels.Length == images.Count;
        var scores = Score(images.Images, Config.BatchSize, labelled ? images.Labels : null);
        return [.. scores.Select((score, i) => labelled
            ? new ImageScore(i, images.Labels[i], images.ClassNames[images.Labels[i]], score)
            : new ImageScore(i, -1, "", score))];
    }

    /// <inheritdoc />
    public void Dispose() => _critic.Dispose();
}
