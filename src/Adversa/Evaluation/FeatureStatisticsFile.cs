using System.IO.Compression;
using Adversa.Data;
using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>
/// Feature statistics as pytorch-fid keeps them: a NumPy .npz archive with <c>mu</c> (D, float64) and
/// <c>sigma</c> (D x D, float64), stored uncompressed as numpy.savez does. Files pytorch-fid or clean-fid wrote
/// (float32 or float64, stored or deflated) read back the same way.
/// </summary>
public static class FeatureStatisticsFile
{
    /// <summary>Writes <paramref name="statistics"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, FeatureStatistics statistics)
    {
        var d = statistics.Mean.Length;
        var sigma = new double[d * d];
        Buffer.BlockCopy(statistics.Covariance, 0, sigma, 0, sigma.Length * sizeof(double));
        AtomicFile.Write(path, stream =>
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Add(archive, "mu.npy", NpyArray.EncodeDoubles([d], statistics.Mean));
            Add(archive, "sigma.npy", NpyArray.EncodeDoubles([d, d], sigma));
        });
    }

    private static void Add(ZipArchive archive, string name, byte[] content)
    {
        using var entry = archive.CreateEntry(name, CompressionLevel.NoCompression).Open();
        entry.Write(content);
    }

    /// <summary>Reads mu and sigma from an .npz file; the sample count is unknown (0) unless the file says.</summary>
    public static FeatureStatistics Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: statistics file not found");
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var (muShape, mu) = Read(archive, "mu", path);
            var (sigmaShape, sigma) = Read(archive, "sigma", path);
            if (muShape.Length != 1 || sigmaShape.Length != 2 || sigmaShape[0] != muShape[0] || sigmaShape[1] != muShape[0])
                throw new InvalidInputException($"{path}: mu has shape ({string.Join(", ", muShape)}) and sigma ({string.Join(", ", sigmaShape)}); expected (D) and (D, D)");
            if (!mu.All(double.IsFinite) || !sigma.All(double.IsFinite))
                throw new InvalidInputException($"{path}: mu or sigma holds NaN or infinite values");
            var d = muShape[0];
            var covariance = new double[d, d];
            Buffer.BlockCopy(sigma, 0, covariance, 0, sigma.Length * sizeof(double));
            return new FeatureStatistics(mu, covariance, 0);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidInputException($"{path}: not a NumPy .npz archive ({error.Message})", error);
        }
        catch (IOException error)
        {
            throw new InvalidInputException($"{path}: damaged .npz archive ({error.Message})", error);
        }
    }

    private static (int[] Shape, double[] Values) Read(ZipArchive archive, string name, string path)
    {
        var entry = archive.GetEntry(name + ".npy") ?? throw new InvalidInputException($"{path}: no '{name}' array (pytorch-fid statistics hold mu and sigma)");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return NpyArray.ReadDoubles(buffer.ToArray(), $"{path}:{name}");
    }
}
