using System.Buffers.Binary;
using System.IO.Compression;
using Adversa.Data;
using Adversa.Runtime;

namespace Adversa.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    internal static byte[] Idx(int[] dimensions, byte[] values, byte type = 0x08)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        header[2] = type;
        header[3] = (byte)dimensions.Length;
        for (var d = 0; d < dimensions.Length; d++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dimensions[d]);
        return [.. header, .. values];
    }

    internal static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }

    [Fact]
    public void A_plain_file_reads_back_its_dimensions_and_values()
    {
        var path = _temp.File("images-idx3-ubyte");
        File.WriteAllBytes(path, Idx([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]));
        var idx = IdxFile.Read(path);
        Assert.Equal([2, 2, 3], idx.Dimensions);
        Assert.Equal(255, idx.Values[^1]);
        Assert.Equal(12, idx.Values.Length);
    }

    [Fact]
    public void A_gzip_file_reads_the_same_as_plain()
    {
        var path = _temp.File("labels-idx1-ubyte.gz");
        WriteGzip(path, Idx([4], [3, 1, 4, 1]));
        Assert.Equal([3, 1, 4, 1], IdxFile.Read(path).Values);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 5 }, "magic number")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 5, 5, 5, 5 }, "element type 0x0d")]
    [InlineData(new byte[] { 0, 0, 8, 9 }, "9 dimensions")]
    [InlineData(new byte[] { 0, 0, 8, 2, 0, 0 }, "truncated IDX header")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 4, 1, 2 }, "truncated file")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0, 0, 0, 1, 1, 2 }, "trailing bytes")]
    [InlineData(new byte[] { 0, 0, 8, 1, 0xff, 0xff, 0xff, 0xff }, "must be positive")]
    public void A_corrupt_file_is_refused_with_its_name_and_the_fault(byte[] content, string fault)
    {
        var path = _temp.File("corrupt-idx");
        File.WriteAllBytes(path, content);
        var error = Assert.Throws<InvalidInputException>(() => IdxFile.Read(path));
        Assert.StartsWith(path + ":", error.Message);
        Assert.Contains(fault, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_corrupt_gzip_stream_is_refused()
    {
        var path = _temp.File("broken.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var error = Assert.Throws<InvalidInputException>(() => IdxFile.Read(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<InvalidInputException>(() => IdxFile.Read(_temp.File("nope")));
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void A_folder_in_MNIST_layout_loads_images_and_labels()
    {
        var pixels = Enumerable.Range(0, 3 * 28 * 28).Select(i => (byte)(i % 256)).ToArray();
        WriteGzip(_temp.File("train-images-idx3-ubyte.gz"), Idx([3, 28, 28], pixels));
        File.WriteAllBytes(_temp.File("train-labels-idx1-ubyte"), Idx([3], [7, 0, 9]));
        using var data = IdxDataset.Load(_temp.Path, IdxDataset.Split.Train, []);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, data.Images.shape);
        Assert.Equal([7L, 0L, 9L], data.Labels);
        Assert.Equal(pixels[28 * 28 + 5], (byte)data.Images[1, 0, 0, 5].item<float>());
    }

    [Fact]
    public void Labels_that_do_not_match_the_images_are_refused()
    {
        File.WriteAllBytes(_temp.File("train-images-idx3-ubyte"), Idx([2, 2, 2], new byte[8]));
        File.WriteAllBytes(_temp.File("train-labels-idx1-ubyte"), Idx([3], [1, 2, 3]));
        var error = Assert.Throws<InvalidInputException>(() => IdxDataset.Load(_temp.Path, IdxDataset.Split.Train, []));
        Assert.Contains("expected 2 labels", error.Message);
    }

    [Fact]
    public void A_folder_without_IDX_files_is_named()
    {
        var error = Assert.Throws<InvalidInputException>(() => IdxDataset.Load(_temp.Path, IdxDataset.Split.Train, []));
        Assert.Contains(_temp.Path, error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
