using System.IO.Compression;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Tests.Cli;

namespace Adversa.Tests.Evaluation;

public sealed class StatisticsFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Npy_bytes_follow_numpys_layout_and_read_back_exactly()
    {
        double[] values = [1.5, -2.25, Math.PI, 1e-300, 7, 8];
        var bytes = NpyArray.EncodeDoubles([2, 3], values);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal((byte)1, bytes[6]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        Assert.Equal(0, (10 + headerLength) % 64);
        Assert.Equal('\n', (char)bytes[10 + headerLength - 1]);
        Assert.Contains("'descr': '<f8'", System.Text.Encoding.Latin1.GetString(bytes, 10, headerLength));
        var (shape, read) = NpyArray.ReadDoubles(bytes, "test");
        Assert.Equal([2, 3], shape);
        Assert.Equal(values, read);
    }

    [Fact]
    public void Statistics_round_trip_through_an_npz_holding_mu_and_sigma()
    {
        var statistics = new FeatureStatistics([0.5, -1], new[,] { { 2.0, 0.25 }, { 0.25, 1.0 } }, 10);
        var path = _temp.File("stats.npz");
        FeatureStatisticsFile.Save(path, statistics);
        using (var archive = ZipFile.OpenRead(path))
            Assert.Equal(["mu.npy", "sigma.npy"], archive.Entries.Select(e => e.FullName).Order());
        var read = FeatureStatisticsFile.Load(path);
        Assert.Equal(statistics.Mean, read.Mean);
        Assert.Equal(statistics.Covariance, read.Covariance);
    }

    [Fact]
    public void A_compressed_npz_written_by_numpy_with_a_float32_sigma_is_read()
    {
        var read = FeatureStatisticsFile.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "numpy-statistics.npz"));
        Assert.Equal([1.0, -2.0, 0.5], read.Mean);
        Assert.Equal(0.25, read.Covariance[1, 2]);
        Assert.Equal(3.0, read.Covariance[2, 2]);
    }

    [Fact]
    public void A_file_that_is_not_an_npz_or_lacks_sigma_is_named()
    {
        var junk = _temp.File("junk.npz");
        File.WriteAllText(junk, "not a zip");
        Assert.Contains("junk.npz", Assert.Throws<InvalidInputException>(() => FeatureStatisticsFile.Load(junk)).Message);
        var partial = _temp.File("partial.npz");
        using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
        using (var entry = archive.CreateEntry("mu.npy").Open())
            entry.Write(NpyArray.EncodeDoubles([2], [1, 2]));
        Assert.Contains("'sigma'", Assert.Throws<InvalidInputException>(() => FeatureStatisticsFile.Load(partial)).Message);
    }

    [Fact]
    public void Fid_of_two_statistics_files_is_the_hand_computed_distance()
    {
        // Same covariance, means 0.5 apart in each of 4 dimensions: FID = 4 * 0.25 = 1.
        var sigma = new double[4, 4];
        for (var i = 0; i < 4; i++)
            sigma[i, i] = 1 + i;
        FeatureStatisticsFile.Save(_temp.File("a.npz"), new FeatureStatistics([0, 0, 0, 0], sigma, 100));
        FeatureStatisticsFile.Save(_temp.File("b.npz"), new FeatureStatistics([0.5, 0.5, 0.5, 0.5], sigma, 100));
        var (code, output, error) = CliRunner.Run("fid", _temp.File("a.npz"), _temp.File("b.npz"));
        Assert.True(code == 0, error);
        Assert.Contains("FID 1.0000 (4-d features", output);
        var (same, sameOutput, _) = CliRunner.Run("fid", _temp.File("a.npz"), _temp.File("a.npz"));
        Assert.Equal(0, same);
        Assert.Contains("FID 0.0000", sameOutput);
    }

    [Fact]
    public void Fid_between_statistics_of_different_widths_is_refused()
    {
        FeatureStatisticsFile.Save(_temp.File("a.npz"), new FeatureStatistics([0, 0], new double[2, 2], 5));
        FeatureStatisticsFile.Save(_temp.File("b.npz"), new FeatureStatistics([0, 0, 0], new double[3, 3], 5));
        var (code, _, error) = CliRunner.Run("fid", _temp.File("a.npz"), _temp.File("b.npz"));
        Assert.Equal(2, code);
        Assert.Contains("2-d and 3-d", error);
    }

    public void Dispose() => _temp.Dispose();
}
