using System.Buffers.Binary;
using Adversa.Evaluation;
using Google.Protobuf;
using Tensorboard;
using TorchSharp;
using TorchSharp.Modules;

namespace Adversa.Training.Outputs;

/// <summary>
/// A TensorBoard event file in a folder: per generator step the losses, every scalar the loss and regulariser log
/// (<c>critic/gp</c>, <c>critic/wasserstein</c>) and the optimisers' learning rates; per epoch the sample grid and
/// histograms of the critic's scores on real and generated images; the metrics whenever they are measured. Steps are
/// generator iterations. Records are flushed to the file at every epoch end and when training stops (a full buffer also
/// writes them between epoch ends); a resumed run starts a new file, and TensorBoard merges the files of a folder. The new
/// file begins as PyTorch's <c>SummaryWriter(purge_step=...)</c> begins one, with a session start at the first resumed
/// step, from which TensorBoard hides the earlier files' records: those a killed run wrote past its checkpoint are not
/// drawn beside the resumed run's.
/// </summary>
/// <remarks>
/// The records are TorchSharp's (its Event and Summary messages, its histogram and CRC-32C), framed here as TFRecords
/// in a file kept open: TorchSharp's SummaryWriter opens and closes the file for every scalar and decodes, resizes and
/// re-encodes every image, which cost the demonstration a tenth of a second each epoch; the grid here is the PNG the
/// epoch already encoded.
/// </remarks>
public sealed class TensorBoardWriter : ITrainingObserver, IDisposable
{
    private static int _filesOpened;
    private readonly FileStream _file;

    /// <summary>
    /// Opens a new event file in <paramref name="directory"/>; for a resumed run, <paramref name="purgeFrom"/> is its first
    /// step, from which TensorBoard drops what the folder's earlier files recorded.
    /// </summary>
    public TensorBoardWriter(string directory, long? purgeFrom = null)
    {
        System.IO.Directory.CreateDirectory(directory);
        Directory = directory;
        // TensorBoard's own naming: events.out.tfevents.<seconds>.<host>.<process>.<count>.
        var name = $"events.out.tfevents.{DateTimeOffset.UtcNow.ToUnixTimeSeconds():D10}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _filesOpened)}";
        _file = new FileStream(Path.Combine(directory, name), FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        Write(new Event { Step = purgeFrom ?? 0, WallTime = Now, FileVersion = "brain.Event:2" });
        if (purgeFrom is { } step)
            Write(new Event { Step = step, WallTime = Now, SessionLog = new SessionLog { Status = SessionLog.Types.SessionStatus.Start } });
        _file.Flush();
    }

    /// <summary>The folder the event files are in.</summary>
    public string Directory { get; }

    // Seconds since 1970, as TensorBoard's wall time is.
    private static double Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <inheritdoc />
    public void OnIteration(GanTrainer trainer, LossRecord record)
    {
        var values = new List<(string Tag, double Value)>
        {
            ("loss/critic", record.CriticLoss),
            ("loss/generator", record.GeneratorLoss),
        };
        values.AddRange(record.Scalars.Select(s => ($"critic/{s.Name}", s.Value)));
        values.Add(("learning_rate/generator", LearningRate(trainer.Components.GeneratorOptimizer)));
        values.Add(("learning_rate/critic", LearningRate(trainer.Components.CriticOptimizer)));
        Scalars(record.Iteration, values);
    }

    /// <inheritdoc />
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch)
    {
        var now = Now;
        Scalars(epoch.Iteration, [("epoch", epoch.Epoch)], now);
        var image = new Summary.Types.Image
        {
            Height = epoch.SamplesGrid.Height,
            Width = epoch.SamplesGrid.Width,
            Colorspace = 3, // RGB
            EncodedImageString = ByteString.CopyFrom(epoch.SamplesGrid.Png),
        };
        Write(epoch.Iteration, new Summary { Value = { new Summary.Types.Value { Tag = "samples", Image = image } } }, now);
        var (real, fake) = trainer.CriticScores(epoch.Samples);
        using (real)
        using (fake)
        {
            Histogram(epoch.Iteration, "critic_scores/real", real, now);
            Histogram(epoch.Iteration, "critic_scores/generated", fake, now);
        }
        if (epoch.Metrics is { } metrics)
            Metrics(epoch.Iteration, metrics, now);
        _file.Flush();
    }

    /// <inheritdoc />
    public void OnStop(GanTrainer trainer, TrainingOutcome outcome) => _file.Flush();

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();

    // A critic on its way to diverging scores some images NaN: the histogram shows the finite ones (none: no record).
    private void Histogram(long step, string tag, torch.Tensor scores, double now)
    {
        using var finite = scores[scores.isfinite()];
        if (finite.numel() == 0)
            return;
        using var bins = torch.tensor(TensorflowBuckets);
        Write(step, torch.utils.tensorboard.Summary.histogram(tag, finite, bins), now);
    }

    // The bucket limits of TensorFlow's histograms (and so PyTorch's and TorchSharp's add_histogram by default): 0 and
    // plus and minus 1e-12 * 1.1^k up to 1e20.
    private static readonly double[] TensorflowBuckets = BuildTensorflowBuckets();

    private static double[] BuildTensorflowBuckets()
    {
        var positive = new List<double>();
        for (var v = 1e-12; v < 1e20; v *= 1.1)
            positive.Add(v);
        return [.. positive.AsEnumerable().Reverse().Select(v => -v), 0, .. positive];
    }

    private void Metrics(long step, MetricResults metrics, double now)
    {
        (string Tag, double? Value)[] measured =
        [
            ("metrics/fid", metrics.Fid), ("metrics/kid", metrics.KidMean), ("metrics/inception_score", metrics.IsMean),
            ("metrics/precision", metrics.Precision), ("metrics/recall", metrics.Recall),
        ];
        Scalars(step, [.. measured.Where(m => m.Value is not null).Select(m => (m.Tag, m.Value!.Value))], now);
    }

    private void Scalars(long step, IReadOnlyList<(string Tag, double Value)> values, double? now = null)
    {
        var summary = new Summary();
        summary.Value.AddRange(values.Select(v => new Summary.Types.Value { Tag = v.Tag, SimpleValue = (float)v.Value }));
        Write(step, summary, now ?? Now);
    }

    private void Write(long step, Summary summary, double now) => Write(new Event { Step = step, WallTime = now, Summary = summary });

    // A TFRecord: the length, its masked CRC-32C, the record, its masked CRC-32C; all little-endian.
    private void Write(Event record)
    {
        var data = record.ToByteArray();
        Span<byte> frame = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(frame, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[8..], Masked(TorchSharp.Utils.CRC32C.process((long)data.Length)));
        _file.Write(frame);
        _file.Write(data);
        BinaryPrimitives.WriteUInt32LittleEndian(frame, Masked(TorchSharp.Utils.CRC32C.process(data)));
        _file.Write(frame[..4]);
    }

    // TFRecord's masking: rotate right by 15 bits and add a constant.
    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;

    // The rate the optimiser will use next (its first parameter group's), not the one configured.
    private static double LearningRate(OptimizerHelper optimizer) => optimizer.ParamGroups.First().LearningRate;
}
