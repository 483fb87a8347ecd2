using Adversa.Data;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Tests.Training;

public sealed class ScoreStudyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Checkpoint_every_keeps_the_networks_a_run_stopped_at_that_epoch_has()
    {
        var longRun = _temp.File("long");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(4) with { CheckpointEvery = 2 }, longRun))
            trainer.Train();
        var kept = Directory.GetFiles(new RunLayout(longRun).CheckpointsDirectory).Select(Path.GetFileName).Order();
        Assert.Equal(["epoch_0002.ckpt", "epoch_0004.ckpt", "last.ckpt"], kept);
        var shortRun = _temp.File("short");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(2) with { CheckpointEvery = 2 }, shortRun))
            trainer.Train();

        var images = ShapesDataset.CreateTestSet(5, imagesPerClass: 2);
        using var prepared = ImageTransforms.ForModel(images, 64);
        using var keptCritic = TrainedCritic.Load(longRun, epoch: 2);
        using var stoppedCritic = TrainedCritic.Load(shortRun);
        using var lastCritic = TrainedCritic.Load(longRun);
        Assert.Equal(2, keptCritic.CompletedEpochs);
        Assert.Equal(4, lastCritic.CompletedEpochs);
        var expected = stoppedCritic.Score(prepared.Images);
        var actual = keptCritic.Score(prepared.Images);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 1e-9);
        Assert.NotEqual(expected, lastCritic.Score(prepared.Images));

        var missing = Assert.Throws<InvalidInputException>(() => TrainedCritic.Load(longRun, epoch: 3));
        Assert.Equal($"epoch 3: {longRun} kept no checkpoint of that epoch (it kept epochs 2, 4)", missing.Message);
        var plainRun = _temp.File("plain");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(1), plainRun))
            trainer.Train();
        Assert.Equal($"epoch 1: {plainRun} kept no checkpoint of that epoch (it kept none: set checkpoint_every to keep them)",
            Assert.Throws<InvalidInputException>(() => TrainedCritic.Load(plainRun, epoch: 1)).Message);
    }

    [Fact]
    public void A_study_trains_each_seed_once_keeps_what_it_scores_and_reuses_complete_runs()
    {
        var folder = _temp.File("study");
        var study = new ScoreStudy(TinyRuns.Shapes(1, iterations: 2), epochs: [2, 1], seeds: [3, 4], folder);
        Assert.Equal([1, 2], study.Epochs);
        Assert.Equal(1, study.Config.CheckpointEvery);
        Assert.Equal(2, study.Config.Epochs);
        var points = new List<Adversa.Evaluation.ScoreStudyPoint>();
        foreach (var seed in study.Seeds)
        {
            using (var trainer = study.PrepareRun(seed)!)
                trainer.Train();
            points.AddRange(study.Score(seed));
        }
        study.WriteSummary(points);
        Assert.Equal(4, points.Count);
        Assert.All(points, p => Assert.Equal(10, p.Separation.ClassNames.Count));
        Assert.Equal(400, Adversa.Evaluation.ScoreFile.Load(Path.Combine(study.ScoresDirectory(4, 2), "scores.csv")).Count);
        Assert.True(File.Exists(Path.Combine(study.ScoresDirectory(3, 1), "zoom.png")));
        Assert.Equal(1 + 4 * 45, File.ReadAllLines(study.SeparationCsvPath).Length);
        // Three figures per seed and epoch: the grid, the histogram, the zoom.
        Assert.Equal(12, File.ReadAllText(study.PagePath).Split("data:image/png;base64,").Length - 1);

        // A complete run is reused; a run of another configuration in its place is refused.
        Assert.Null(study.PrepareRun(3));
        var other = new ScoreStudy(TinyRuns.Shapes(1, iterations: 2) with { BatchSize = 2 }, [1, 2], [3], folder);
        Assert.Contains("holds a run of another configuration", Assert.Throws<InvalidInputException>(() => other.PrepareRun(3)).Message);
        Assert.Throws<InvalidInputException>(() => new ScoreStudy(TinyRuns.Shapes(1), [0, 1], [3], folder));
        Assert.Throws<InvalidInputException>(() => new ScoreStudy(TinyRuns.Shapes(1), [1], [3, 3], folder));
    }

    public void Dispose() => _temp.Dispose();
}
