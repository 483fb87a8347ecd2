using Adversa.Data;
using Adversa.Losses;
using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class SampleCouplingTests
{
    /// <summary>A user's own layer: Adversa cannot know what its forward pass does with the batch.</summary>
    private sealed class UserCritic : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> _inner;

        public UserCritic(nn.Module<Tensor, Tensor> inner) : base(nameof(UserCritic))
        {
            _inner = inner;
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => _inner.forward(input);
    }

    private static DcganDiscriminator Dcgan(Normalization normalization, CriticExtras? extras = null) =>
        new(new DcganDiscriminatorOptions(ImageChannels: 3, Width: 2, Normalization: normalization, Extras: extras));

    [Fact]
    public void Only_critics_known_to_score_each_image_alone_share_one_pass()
    {
        Assert.True(SampleCoupling.ScoresEachSampleAlone(Dcgan(Normalization.Layer)));
        Assert.True(SampleCoupling.ScoresEachSampleAlone(Dcgan(Normalization.None)));
        Assert.True(SampleCoupling.ScoresEachSampleAlone(new SmallDcganCritic(new SmallDcganCriticOptions(Width: 2, Normalization: Normalization.Layer))));
        Assert.False(SampleCoupling.ScoresEachSampleAlone(Dcgan(Normalization.Batch)));
        Assert.False(SampleCoupling.ScoresEachSampleAlone(Dcgan(Normalization.Layer, new CriticExtras(BatchStatistics: BatchStatistics.StdDev))));
        Assert.False(SampleCoupling.ScoresEachSampleAlone(Dcgan(Normalization.Layer, new CriticExtras(SpectralNorm: true))));
        Assert.False(SampleCoupling.ScoresEachSampleAlone(new UserCritic(Dcgan(Normalization.Layer))));
    }

    // Four steps of the tiny shapes run; the critic wrapped in a user's layer or not.
    private static (List<LossRecord> Losses, float[] Weights) Train(bool wrapped)
    {
        var config = TinyRuns.Shapes(epochs: 1);
        Reproducibility.Seed(config.Seed);
        var generator = NetworkFactory.CreateGenerator(config);
        var built = NetworkFactory.CreateCritic(config);
        nn.Module<Tensor, Tensor> critic = wrapped ? new UserCritic(built) : built;
        var components = new GanComponents(generator, critic, new LatentSampler(config.LatentDistribution, config.LatentDim),
            new WassersteinLoss(), new GradientPenalty(config.GpWeight),
            optim.Adam(generator.parameters(), config.GLr, config.GBeta1, config.GBeta2), optim.Adam(critic.parameters(), config.DLr, config.DBeta1, config.DBeta2));
        using var images = ShapesDataset.CreateTrainingSet(config.Seed);
        using var trainer = new GanTrainer(config, images, components, ownsComponents: true);
        var recorder = new RecordingObserver();
        trainer.Observers.Add(recorder);
        for (var i = 0; i < 4; i++)
            trainer.TrainIteration();
        return (recorder.Records, [.. critic.parameters().SelectMany(p => p.data<float>().ToArray())]);
    }

    [Fact]
    public void Scoring_real_and_generated_images_in_one_pass_trains_as_two_passes_do()
    {
        var (onePass, onePassWeights) = Train(wrapped: false);
        var (twoPasses, twoPassWeights) = Train(wrapped: true);
        Assert.Equal(twoPasses.Count, onePass.Count);
        for (var i = 0; i < onePass.Count; i++)
        {
            Assert.Equal(twoPasses[i].CriticLoss, onePass[i].CriticLoss, 3);
            Assert.Equal(twoPasses[i].GeneratorLoss, onePass[i].GeneratorLoss, 3);
        }
        Assert.Equal(twoPassWeights.Length, onePassWeights.Length);
        var largestDifference = onePassWeights.Zip(twoPassWeights, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largestDifference < 1e-4, $"weights differ by {largestDifference}");
    }
}
