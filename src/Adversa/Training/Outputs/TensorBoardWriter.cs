using Adversa.Evaluation;
using TorchSharp;
using TorchSharp.Modules;

namespace Adversa.Training.Outputs;

/// <summary>
/// TensorBoard event files in a folder, through TorchSharp's SummaryWriter: per generator step the losses, every
/// scalar the loss and regulariser log (<c>critic/gp</c>, <c>critic/wasserstein</c>) and the optimisers' learning
/// rates; per epoch the sample grid and histograms of the critic's scores on real and generated images; the metrics
/// whenever they are measured. Steps are generator iterations. A resumed run starts a new event file; TensorBoard
/// merges the files of a folder.
/// </summary>
public sealed class TensorBoardWriter : ITrainingObserver
{
    private readonly SummaryWriter _writer;

    /// <summary>Opens a new event file in <paramref name="directory"/>.</summary>
    public TensorBoardWriter(string directory) => _writer = torch.utils.tensorboard.SummaryWriter(directory);

    /// <summary>The folder the event files are in.</summary>
    public string Directory => _writer.LogDir;

    // TensorBoard's wall time is in seconds since 1970.
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record)
    {
        var step = checked((int)record.Iteration);
        var now = Now;
        _writer.add_scalar("loss/critic", (float)record.CriticLoss, step, now);
        _writer.add_scalar("loss/generator", (float)record.GeneratorLoss, step, now);
        foreach (var scalar in record.Scalars)
            _writer.add_scalar($"critic/{scalar.Name}", (float)scalar.Value, step, now);
        _writer.add_scalar("learning_rate/generator", (float)LearningRate(trainer.Components.GeneratorOptimizer), step, now);
        _writer.add_scalar("learning_rate/critic", (float)LearningRate(trainer.Components.CriticOptimizer), step, now);
    }

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        var step = checked((int)epoch.Iteration);
        var now = Now;
        _writer.add_scalar("epoch", epoch.Epoch, step, now);
        // SummaryWriter embeds an image from a PNG file.
        var grid = Path.Combine(Path.GetTempPath(), $"adversa-grid-{Environment.ProcessId}-{Guid.NewGuid():N}.png");
        try
        {
            File.WriteAllBytes(grid, Imaging.ImageGrid.ToPng(epoch.Samples));
            _writer.add_img("samples", grid, step, now);
        }
        finally
        {
            File.Delete(grid);
        }
        var (real, fake) = trainer.CriticScores(epoch.Samples);
        using (real)
        using (fake)
        {
            Histogram("critic_scores/real", real, step, now);
            Histogram("critic_scores/generated", fake, step, now);
        }
        if (epoch.Metrics is { } metrics)
            Metrics(step, metrics, now);
    }

    // A critic on its way to diverging scores some images NaN: the histogram shows the finite ones (none: no record).
    private void Histogram(string tag, TorchSharp.torch.Tensor scores, int step, long now)
    {
        using var finite = scores[scores.isfinite()];
        if (finite.numel() > 0)
            _writer.add_histogram(tag, finite, step, walltime: now);
    }

    private void Metrics(int step, MetricResults metrics, long now)
    {
        foreach (var (tag, value) in new[]
        {
            ("metrics/fid", metrics.Fid), ("metrics/kid", metrics.KidMean), ("metrics/inception_score", metrics.IsMean),
            ("metrics/precision", metrics.Precision), ("metrics/recall", metrics.Recall),
        })
        {
            if (value is { } v)
                _writer.add_scalar(tag, (float)v, step, now);
        }
    }

    // The rate the optimiser will use next (its first parameter group's), not the one configured.
    private static double LearningRate(OptimizerHelper optimizer) => optimizer.ParamGroups.First().LearningRate;
}
