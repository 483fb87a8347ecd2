using Adversa.Data;
using Adversa.Runtime;

namespace Adversa.Tests.Data;

public sealed class FileFormatTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_PGM_file_reads_back_its_pixels(bool binary)
    {
        var path = _temp.File("face.pgm");
        DataFiles.Pgm(path, 3, 2, [0, 10, 20, 30, 40, 255], binary: binary);
        var image = PgmImage.Read(path);
        Assert.Equal((3, 2), (image.Width, image.Height));
        Assert.Equal([0, 10, 20, 30, 40, 255], image.Pixels);
    }

    [Fact]
    public void PGM_values_below_8_bits_are_scaled_to_255()
    {
        var path = _temp.File("four-bit.pgm");
        DataFiles.Pgm(path, 2, 1, [15, 5], maxValue: 15);
        Assert.Equal([255, 85], PgmImage.Read(path).Pixels);
    }

    [Theory]
    [InlineData("P6\n2 1\n255\nab", "magic 'P6'")]
    [InlineData("P5\n2 1\n255\na", "truncated PGM data")]
    [InlineData("P5\n2", "truncated PGM header")]
    [InlineData("P5\n2 1\n65535\nabcd", "8-bit grey only")]
    public void A_corrupt_PGM_is_refused_with_its_name(string content, string fault)
    {
        var path = _temp.File("bad.pgm");
        File.WriteAllText(path, content);
        var error = Assert.Throws<InvalidInputException>(() => PgmImage.Read(path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(fault, error.Message);
    }

    [Fact]
    public void NPY_files_of_each_supported_type_read_back()
    {
        var f4 = _temp.File("f4.npy");
        DataFiles.Npy(f4, "<f4", [2, 3], DataFiles.Floats([0f, 0.5f, 1f, 1.5f, 2f, 2.5f]));
        var array = NpyArray.Read(f4);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal([0f, 0.5f, 1f, 1.5f, 2f, 2.5f], array.Values);

        var f8 = _temp.File("f8.npy");
        DataFiles.Npy(f8, "<f8", [2], [.. BitConverter.GetBytes(0.25), .. BitConverter.GetBytes(-3.0)]);
        Assert.Equal([0.25f, -3f], NpyArray.Read(f8).Values);

        var u1 = _temp.File("u1.npy");
        DataFiles.Npy(u1, "|u1", [3], [7, 8, 255]);
        Assert.Equal([7f, 8f, 255f], NpyArray.Read(u1).Values);
    }

    [Theory]
    [InlineData("<i8", false, 8, "element type '<i8'")]
    [InlineData("<f4", true, 8, "Fortran-ordered")]
    [InlineData("<f4", false, 7, "needs 8")]
    public void A_corrupt_or_unsupported_NPY_is_refused_with_its_name(string descr, bool fortran, int dataBytes, string fault)
    {
        var path = _temp.File("bad.npy");
        DataFiles.Npy(path, descr, [2], new byte[dataBytes], fortran);
        var error = Assert.Throws<InvalidInputException>(() => NpyArray.Read(path));
        Assert.StartsWith(path, error.Message);
        Assert.Contains(fault, error.Message);
        File.WriteAllText(path, "not numpy at all");
        Assert.Contains("bad magic number", Assert.Throws<InvalidInputException>(() => NpyArray.Read(path)).Message);
    }

    public void Dispose() => _temp.Dispose();
}
