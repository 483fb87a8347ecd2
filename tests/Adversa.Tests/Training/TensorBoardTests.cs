using System.Buffers.Binary;
using System.Globalization;
using Adversa.Tests.Cli;
using Adversa.Training;
using Adversa.Training.Outputs;
using SkiaSharp;

namespace Adversa.Tests.Training;

public sealed class TensorBoardTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit: slow and plainly right.
    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }

    // TFRecord's masking: rotate right by 15 bits and add a constant.
    private static uint Masked(uint crc) => ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;

    private static List<Tensorboard.Event> ReadRecords(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var events = new List<Tensorboard.Event>();
        var offset = 0;
        while (offset < bytes.Length)
        {
            var header = bytes.AsSpan(offset, 8);
            var length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(Masked(Crc32C(header)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 8)));
            var data = bytes.AsSpan(offset + 12, length);
            Assert.Equal(Masked(Crc32C(data)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 12 + length)));
            events.Add(Tensorboard.Event.Parser.ParseFrom(data.ToArray()));
            offset += 12 + length + 4;
        }
        return events;
    }

    [Fact]
    public void The_crc_matches_the_published_check_value() => Assert.Equal(0xE3069283u, Crc32C("123456789"u8));

    [Fact]
    public void A_run_writes_event_records_with_valid_crcs_losses_grids_and_score_histograms()
    {
        var run = _temp.File("run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(2)]);
        Assert.True(code == 0, error);
        var files = Directory.GetFiles(new RunLayout(run).EventsDirectory, "events.out.tfevents.*");
        var events = Assert.Single(files) is var file ? ReadRecords(file) : [];
        Assert.Equal("brain.Event:2", events[0].FileVersion);

        var values = events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, e.WallTime, Value: v))).ToList();
        string[] expectedTags = ["loss/critic", "loss/generator", "critic/gp", "critic/wasserstein", "critic/score_real", "critic/score_fake", "learning_rate/generator",
            "learning_rate/critic", "epoch", "samples", "critic_scores/real", "critic_scores/generated"];
        Assert.Equal(expectedTags.Order(), values.Select(v => v.Value.Tag).Distinct().Order());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(values, v => Assert.InRange(v.WallTime, now - 3600, now + 60));

        // The critic loss of every step, as losses.csv has it.
        var losses = File.ReadAllLines(new RunLayout(run).LossesCsvPath).Skip(1).Select(l => l.Split(',')).ToList();
        var criticLosses = values.Where(v => v.Value.Tag == "loss/critic").ToList();
        Assert.Equal([1L, 2, 3, 4, 5, 6], criticLosses.Select(v => v.Step));
        Assert.Equal(losses.Select(l => (float)double.Parse(l[2], CultureInfo.InvariantCulture)), criticLosses.Select(v => v.Value.SimpleValue));
        Assert.Equal((float)PresetCatalog.Get("wgan-gp-shapes").Config.GLr, values.First(v => v.Value.Tag == "learning_rate/generator").Value.SimpleValue);

        var grid = values.Last(v => v.Value.Tag == "samples");
        Assert.Equal(6, grid.Step);
        // The epoch's PNG itself, with its size: 4 samples of 64x64 in a 2x2 grid with 2-pixel borders, 2 * 66 + 2 = 134.
        Assert.Equal(File.ReadAllBytes(new RunLayout(run).SampleGridPath(2)), grid.Value.Image.EncodedImageString.ToByteArray());
        Assert.Equal((134, 134, 3), (grid.Value.Image.Width, grid.Value.Image.Height, grid.Value.Image.Colorspace));
        using var decoded = SKBitmap.Decode(grid.Value.Image.EncodedImageString.ToByteArray());
        Assert.Equal((134, 134), (decoded.Width, decoded.Height));
        var histogram = values.Last(v => v.Value.Tag == "critic_scores/generated").Value.Histo;
        Assert.Equal(4, histogram.Num); // sample_count = 4
        Assert.True(histogram.Min <= histogram.Max);
        // TensorFlow's buckets, as PyTorch's add_histogram uses by default: 0 or plus or minus 1e-12 * 1.1^k.
        Assert.All(histogram.BucketLimit, limit =>
        {
            var k = Math.Log(Math.Abs(limit) / 1e-12) / Math.Log(1.1);
            Assert.True(limit == 0 || Math.Abs(k - Math.Round(k)) < 1e-6, $"{limit} is not a TensorFlow bucket limit");
        });
        Assert.Equal(histogram.Bucket.Count, histogram.BucketLimit.Count);
        Assert.Equal(4, histogram.Bucket.Sum());
    }

    // TensorBoard reads the file while training runs: each epoch's records are in it when the epoch ends.
    [Fact]
    public void Each_epochs_records_are_in_the_file_when_the_epoch_ends()
    {
        var run = _temp.File("run");
        using var trainer = TrainingRun.Start(TinyRuns.Shapes(epochs: 2), run);
        var seen = new List<(int Epoch, long LastStep, int Grids, int Histograms)>();
        trainer.Observers.Add(new EpochEndCallback(epoch =>
        {
            var events = ReadRecords(Assert.Single(Directory.GetFiles(new RunLayout(run).EventsDirectory, "events.out.tfevents.*")));
            var values = events.Where(e => e.Summary is not null).SelectMany(e => e.Summary.Value.Select(v => (e.Step, v.Tag))).ToList();
            seen.Add((epoch, values.Where(v => v.Tag == "loss/critic").Max(v => v.Step), values.Count(v => v.Tag == "samples"), values.Count(v => v.Tag == "critic_scores/generated")));
        }));
        trainer.Train();
        Assert.Equal([(1, 3L, 1, 1), (2, 6L, 2, 2)], seen);
    }

    private sealed class EpochEndCallback(Action<int> onEpochEnd) : ITrainingObserver
    {
        public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => onEpochEnd(epoch.Epoch);
    }

    // As PyTorch's SummaryWriter(purge_step=4) begins its file, so that TensorBoard hides from step 4 on what the killed
    // run's file holds; the first run's file stays as it was.
    [Fact]
    public void A_resumed_run_starts_a_file_that_purges_the_steps_from_its_first_on()
    {
        var run = _temp.File("run");
        using (var first = TrainingRun.Start(TinyRuns.Shapes(epochs: 1), run))
            first.Train();
        using (var resumed = TrainingRun.Resume(run, epochs: 2))
            resumed.Train();
        var files = Directory.GetFiles(new RunLayout(run).EventsDirectory, "events.out.tfevents.*").Select(ReadRecords).ToList();
        Assert.Equal(2, files.Count);
        var resumedFile = Assert.Single(files, events => events.Any(e => e.SessionLog is not null));
        var firstFile = Assert.Single(files, events => events.All(e => e.SessionLog is null));

        Assert.Equal(("brain.Event:2", 0L), (firstFile[0].FileVersion, firstFile[0].Step));
        Assert.Equal(("brain.Event:2", 4L), (resumedFile[0].FileVersion, resumedFile[0].Step));
        Assert.Equal((Tensorboard.SessionLog.Types.SessionStatus.Start, 4L), (resumedFile[1].SessionLog.Status, resumedFile[1].Step));
        static IEnumerable<long> LossSteps(List<Tensorboard.Event> events) =>
            events.Where(e => e.Summary?.Value.Any(v => v.Tag == "loss/critic") == true).Select(e => e.Step);
        Assert.Equal([1L, 2, 3], LossSteps(firstFile));
        Assert.Equal([4L, 5, 6], LossSteps(resumedFile));
    }

    [Fact]
    public void Tensorboard_can_be_turned_off()
    {
        var run = _temp.File("run");
        var (code, _, error) = CliRunner.Run(["train", "wgan-gp-shapes", "--out", run, .. TinyRuns.ShapesArguments(1), "--set", "tensorboard=false"]);
        Assert.True(code == 0, error);
        Assert.False(Directory.Exists(new RunLayout(run).EventsDirectory));
    }

    public void Dispose() => _temp.Dispose();
}
