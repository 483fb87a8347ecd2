using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>The Gaussian summary of a feature set: mean and covariance, in float64 (as pytorch-fid's mu and sigma).</summary>
/// <param name="Mean">D values.</param>
/// <param name="Covariance">D x D, unbiased (N - 1).</param>
/// <param name="Count">Samples summarised.</param>
public sealed record FeatureStatistics(double[] Mean, double[,] Covariance, long Count)
{
    /// <summary>Summarises features (N x D); fewer than 2 samples have no covariance and are refused.</summary>
    public static FeatureStatistics Of(Tensor features)
    {
        if (features.dim() != 2)
            throw new InvalidInputException($"features: expected N x D, got shape [{string.Join(", ", features.shape)}]");
        var n = features.shape[0];
        if (n < 2)
            throw new InvalidInputException($"features: {n} sample(s); statistics need at least 2 (and FID is only meaningful with thousands)");
        using var scope = NewDisposeScope();
        var values = features.to_type(ScalarType.Float64).cpu();
        var mean = values.mean([0]);
        var centered = values - mean;
        var covariance = centered.t().matmul(centered) / (n - 1);
        var d = (int)values.shape[1];
        var flat = covariance.data<double>().ToArray();
        var matrix = new double[d, d];
        Buffer.BlockCopy(flat, 0, matrix, 0, flat.Length * sizeof(double));
        return new FeatureStatistics(mean.data<double>().ToArray(), matrix, n);
    }
}

/// <summary>
/// FID, KID and the Inception Score computed from features or class probabilities, whatever network produced
/// them (the metrics issue trains its own; an Inception-v3 plugs in the same way).
/// </summary>
public static class GenerativeMetrics
{
    /// <summary>
    /// Fréchet distance ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)), in float64. The trace of the square
    /// root is computed as the sum of square roots of the eigenvalues of S1^(1/2) S2 S1^(1/2), a symmetric
    /// positive semi-definite matrix with the same eigenvalues as S1 S2, so rank-deficient covariances give no
    /// complex values; round-off below zero is clipped. Should an eigen-decomposition fail (non-finite input
    /// after all), it is retried with 1e-6 added to both diagonals, as pytorch-fid does.
    /// </summary>
    public static double FrechetDistance(FeatureStatistics a, FeatureStatistics b)
    {
        if (a.Mean.Length != b.Mean.Length)
            throw new InvalidInputException($"statistics: {a.Mean.Length}-d and {b.Mean.Length}-d features cannot be compared");
        using var scope = NewDisposeScope();
        var mu1 = tensor(a.Mean, dtype: ScalarType.Float64);
        var mu2 = tensor(b.Mean, dtype: ScalarType.Float64);
        var s1 = tensor(a.Covariance, dtype: ScalarType.Float64);
        var s2 = tensor(b.Covariance, dtype: ScalarType.Float64);
        var meanTerm = (mu1 - mu2).square().sum().item<double>();
        var traceTerm = s1.trace().item<double>() + s2.trace().item<double>();
        double sqrtTrace;
        try
        {
            sqrtTrace = TraceOfSquareRootOfProduct(s1, s2);
        }
        catch (Exception error) when (error is not InvalidInputException)
        {
            var eps = eye(a.Mean.Length, dtype: ScalarType.Float64) * 1e-6;
            sqrtTrace = TraceOfSquareRootOfProduct(s1 + eps, s2 + eps);
        }
        // Mathematically non-negative; round-off can leave -1e-12 for identical statistics.
        return Math.Max(0, meanTerm + traceTerm - 2 * sqrtTrace);
    }

    private static double TraceOfSquareRootOfProduct(Tensor s1, Tensor s2)
    {
        var root1 = SymmetricSquareRoot(s1);
        var inner = root1.matmul(s2).matmul(root1);
        inner = (inner + inner.t()) / 2; // symmetric up to round-off
        var eigenvalues = linalg.eigvalsh(inner);
        if (!eigenvalues.isfinite().all().item<bool>())
            throw new ArithmeticException("non-finite eigenvalues");
        return eigenvalues.clamp_min(0).sqrt().sum().item<double>();
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (values, vectors) = linalg.eigh((matrix + matrix.t()) / 2);
        return vectors.matmul(diag(values.clamp_min(0).sqrt())).matmul(vectors.t());
    }

    /// <summary>
    /// Kernel Inception Distance (Bińkowski et al. 2018): the unbiased MMD^2 with the polynomial kernel
    /// k(x, y) = (x.y / d + 1)^3, averaged over <paramref name="subsets"/> random subsets of
    /// <paramref name="subsetSize"/> samples from each side (drawn with <paramref name="seed"/>); mean and standard deviation.
    /// </summary>
    public static (double Mean, double Std) KernelDistance(Tensor real, Tensor fake, int subsets = 100, int subsetSize = 1000, long seed = 0)
    {
        if (real.dim() != 2 || fake.dim() != 2 || real.shape[1] != fake.shape[1])
            throw new InvalidInputException("features: KID needs two N x D sets with the same D");
        var m = (int)Math.Min(subsetSize, Math.Min(real.shape[0], fake.shape[0]));
        if (m < 2)
            throw new InvalidInputException($"features: KID needs at least 2 samples per side, got {Math.Min(real.shape[0], fake.shape[0])}");
        if (subsets < 1)
            throw new InvalidInputException($"subsets: must be positive, got {subsets}");
        using var scope = NewDisposeScope();
        using var generator = new Generator((ulong)seed);
        var x64 = real.to_type(ScalarType.Float64).cpu();
        var y64 = fake.to_type(ScalarType.Float64).cpu();
        var d = (double)real.shape[1];
        var estimates = new double[subsets];
        for (var s = 0; s < subsets; s++)
        {
            // Three m x m float64 kernels and their temporaries per subset: freed before the next one.
            using var subsetScope = NewDisposeScope();
            var x = x64.index_select(0, randperm(x64.shape[0], generator: generator)[..m]);
            var y = y64.index_select(0, randperm(y64.shape[0], generator: generator)[..m]);
            Tensor Kernel(Tensor p, Tensor q) => (p.matmul(q.t()) / d + 1).pow(3);
            var kxx = Kernel(x, x);
            var kyy = Kernel(y, y);
            var kxy = Kernel(x, y);
            var within = (kxx.sum() - kxx.diagonal().sum() + kyy.sum() - kyy.diagonal().sum()).item<double>() / (m * (m - 1.0));
            estimates[s] = within - 2 * kxy.sum().item<double>() / ((double)m * m);
        }
        return MeanAndStd(estimates);
    }

    /// <summary>
    /// Inception Score exp(E_x KL(p(y|x) || p(y))) from class probabilities (N x K, rows summing to 1), over
    /// <paramref name="splits"/> consecutive splits as Salimans et al. and torch-fidelity do: mean and standard deviation.
    /// It lies between 1 (every image gets the same prediction) and K (confident, evenly spread predictions).
    /// </summary>
    public static (double Mean, double Std) InceptionScore(Tensor probabilities, int splits = 10)
    {
        if (probabilities.dim() != 2)
            throw new InvalidInputException($"probabilities: expected N x K, got shape [{string.Join(", ", probabilities.shape)}]");
        var n = probabilities.shape[0];
        if (splits < 1 || n < splits)
            throw new InvalidInputException($"splits: {splits} splits of {n} samples; need at least one sample per split");
        using var scope = NewDisposeScope();
        var p = probabilities.to_type(ScalarType.Float64).cpu();
        var scores = new double[splits];
        for (var s = 0; s < splits; s++)
        {
            var part = p.narrow(0, s * n / splits, (s + 1) * n / splits - s * n / splits);
            var marginal = part.mean([0], keepdim: true);
            // p log(p / marginal) with 0 log 0 = 0.
            var terms = where(part > 0, part * (part.clamp_min(1e-300).log() - marginal.clamp_min(1e-300).log()), zeros_like(part));
            scores[s] = Math.Exp(terms.sum(1).mean().item<double>());
        }
        return MeanAndStd(scores);
    }

    // Population standard deviation, as torch-fidelity reports over subsets and splits.
    private static (double Mean, double Std) MeanAndStd(double[] values)
    {
        var mean = values.Average();
        return (mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
    }

    /// <summary>
    /// Improved precision and recall (Kynkäänniemi et al. 2019): each set's manifold is the union of balls
    /// around its points, reaching each point's k-th nearest neighbour in the same set. Precision is the
    /// fraction of generated samples inside the real manifold (fidelity); recall the fraction of real samples
    /// inside the generated one (coverage). Distances are computed in tiles of <paramref name="tileSize"/> rows.
    /// </summary>
    public static (double Precision, double Recall) PrecisionRecall(Tensor real, Tensor fake, int k = 3, int tileSize = 1024)
    {
        if (real.dim() != 2 || fake.dim() != 2 || real.shape[1] != fake.shape[1])
            throw new InvalidInputException("features: precision and recall need two N x D sets with the same D");
        if (k < 1 || real.shape[0] <= k || fake.shape[0] <= k)
            throw new InvalidInputException($"k: {k} nearest neighbours need more than {k} samples per set (got {real.shape[0]} and {fake.shape[0]})");
        using var scope = NewDisposeScope();
        var r = real.to_type(ScalarType.Float32).cpu();
        var g = fake.to_type(ScalarType.Float32).cpu();
        var realRadii = KthNeighbourDistances(r, k, tileSize);
        var fakeRadii = KthNeighbourDistances(g, k, tileSize);
        return (FractionInside(g, r, realRadii, tileSize), FractionInside(r, g, fakeRadii, tileSize));
    }

    // Distance from each point to its k-th nearest other point of the same set (the point itself is at 0).
    private static Tensor KthNeighbourDistances(Tensor points, int k, int tileSize)
    {
        var radii = new List<Tensor>();
        for (long start = 0; start < points.shape[0]; start += tileSize)
        {
            using var tileScope = NewDisposeScope();
            var tile = points.narrow(0, start, Math.Min(tileSize, points.shape[0] - start));
            radii.Add(cdist(tile, points).topk(k + 1, dim: 1, largest: false, sorted: true).values[.., k].MoveToOuterDisposeScope());
        }
        return cat(radii, 0);
    }

    // Fraction of the queries within radius[j] of some centre j.
    private static double FractionInside(Tensor queries, Tensor centres, Tensor radii, int tileSize)
    {
        long inside = 0;
        for (long start = 0; start < queries.shape[0]; start += tileSize)
        {
            using var tileScope = NewDisposeScope();
            var tile = queries.narrow(0, start, Math.Min(tileSize, queries.shape[0] - start));
            inside += (cdist(tile, centres) <= radii.unsqueeze(0)).any(1).sum().item<long>();
        }
        return inside / (double)queries.shape[0];
    }
}
