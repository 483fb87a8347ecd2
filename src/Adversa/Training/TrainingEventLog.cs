using Adversa.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// TensorBoard event files under the run's events/ folder, through TorchSharp's SummaryWriter: per generator
/// step the losses, penalty, Wasserstein estimate and learning rates; per epoch the sample grid and histograms
/// of the critic's scores on real and generated images; the metrics whenever they are measured. Steps are
/// generator iterations. A resumed run starts a new event file; TensorBoard merges the files of a folder.
/// </summary>
public sealed class TrainingEventLog
{
    private readonly TorchSharp.Modules.SummaryWriter _writer;

    /// <summary>Opens a new event file in <paramref name="directory"/>.</summary>
    public TrainingEventLog(string directory) => _writer = torch.utils.tensorboard.SummaryWriter(directory);

    /// <summary>The folder the event files are in.</summary>
    public string Directory => _writer.LogDir;

    // TensorBoard's wall time is in seconds since 1970.
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>One generator step.</summary>
    public void Iteration(LossRecord record, double generatorLearningRate, double criticLearningRate)
    {
        var step = checked((int)record.Iteration);
        var now = Now;
        _writer.add_scalar("loss/critic", (float)record.CriticLoss, step, now);
        _writer.add_scalar("loss/generator", (float)record.GeneratorLoss, step, now);
        if (record.Penalty is { } penalty)
            _writer.add_scalar("critic/penalty", (float)penalty, step, now);
        if (record.WassersteinEstimate is { } estimate)
            _writer.add_scalar("critic/wasserstein_estimate", (float)estimate, step, now);
        _writer.add_scalar("learning_rate/generator", (float)generatorLearningRate, step, now);
        _writer.add_scalar("learning_rate/critic", (float)criticLearningRate, step, now);
    }

    /// <summary>An epoch's end: its grid (a PNG file) and the critic's scores on real and generated images.</summary>
    public void Epoch(long iteration, int epoch, string gridPath, Tensor realScores, Tensor fakeScores)
    {
        var step = checked((int)iteration);
        var now = Now;
        _writer.add_scalar("epoch", epoch, step, now);
        _writer.add_img("samples", gridPath, step, now);
        _writer.add_histogram("critic_scores/real", realScores, step, walltime: now);
        _writer.add_histogram("critic_scores/generated", fakeScores, step, walltime: now);
    }

    /// <summary>A measurement of the metrics.</summary>
    public void Metrics(long iteration, MetricResults metrics)
    {
        var step = checked((int)iteration);
        var now = Now;
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
}
