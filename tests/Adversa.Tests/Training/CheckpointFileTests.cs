using System.Security.Cryptography;
using System.Text;
using Adversa.Training;

namespace Adversa.Tests.Training;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // The layout TrainingCheckpoint documents, read here by hand: magic number, format version, section count, then per
    // section its name, its length (8 bytes) and its bytes; a SHA-256 of all of that closes the file. The writer fills
    // each length in after writing the section and reads the file back for the checksum, so this is what it must hold.
    [Fact]
    public void A_checkpoint_holds_its_sections_each_with_its_length_and_a_checksum_of_everything_before_it()
    {
        var config = TinyRuns.Shapes(epochs: 1);
        var run = TinyRuns.TrainInto(config, _temp.File("run"));
        var bytes = File.ReadAllBytes(new RunLayout(run).LastCheckpointPath);

        var body = bytes.AsSpan(0, bytes.Length - 32);
        Assert.Equal(SHA256.HashData(body), bytes[^32..]);
        using var reader = new BinaryReader(new MemoryStream(body.ToArray()), Encoding.UTF8);
        Assert.Equal("ADVERSA\u001ACKPT"u8.ToArray(), reader.ReadBytes(12));
        Assert.Equal(1, reader.ReadInt32());
        var count = reader.ReadInt32();
        var sections = new Dictionary<string, byte[]>();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var length = reader.ReadInt64();
            sections[name] = reader.ReadBytes(checked((int)length));
            Assert.Equal(length, sections[name].Length);
        }
        // Every byte of the body belongs to a section: no length was filled in short or long.
        Assert.Equal(body.Length, reader.BaseStream.Position);
        Assert.Equal(["config", "counters", "generator", "critic", "generator_optimizer", "critic_optimizer", "torch_rng", "sampler_rng", "fixed_latent", "data"], sections.Keys);
        Assert.Equal(config, TrainingConfig.FromJson(Encoding.UTF8.GetString(sections["config"])));
        // One epoch of three generator steps: iteration 3 (8 bytes), epoch 1 (4 bytes).
        Assert.Equal([3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0], sections["counters"]);
    }

    public void Dispose() => _temp.Dispose();
}
