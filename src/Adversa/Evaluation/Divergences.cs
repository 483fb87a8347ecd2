using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>
/// Distances between two probability distributions (seed 004's comparison; Arjovsky et al. 2017, section 2):
/// KL and Jensen-Shannon divergence in nats, total variation, and the earth mover's (Wasserstein-1) distance.
/// Discrete distributions are weight vectors over the same support points (normalised here); two 1-D
/// samples are compared as their empirical distributions. For two point masses at 0 and theta (the
/// parallel lines of seed 004 seen along x): KL = infinity, JS = log 2, TV = 1, EM = |theta|.
/// </summary>
/// <remarks>
/// Seed 004 prints JS = (1/2) log 2 for that example; its own definition, JS = (KL(P||M) + KL(Q||M)) / 2 with
/// M = (P + Q) / 2, gives log 2 for disjoint supports, as in the WGAN paper.
/// </remarks>
public static class Divergences
{
    /// <summary>KL(P || Q) = sum p log(p / q); 0 log 0 = 0; infinite where p &gt; 0 = q.</summary>
    public static double KullbackLeibler(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var (pn, qn) = Normalised(p, q);
        double sum = 0;
        for (var i = 0; i < pn.Length; i++)
        {
            if (pn[i] == 0)
                continue;
            if (qn[i] == 0)
                return double.PositiveInfinity;
            sum += pn[i] * Math.Log(pn[i] / qn[i]);
        }
        return sum;
    }

    /// <summary>JS(P, Q) = (KL(P || M) + KL(Q || M)) / 2 with M = (P + Q) / 2: symmetric, between 0 and log 2.</summary>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var (pn, qn) = Normalised(p, q);
        var m = pn.Zip(qn, (a, b) => (a + b) / 2).ToArray();
        return (KullbackLeibler(pn, m) + KullbackLeibler(qn, m)) / 2;
    }

    /// <summary>TV(P, Q) = sup over events |P(A) - Q(A)| = (1/2) sum |p - q|: between 0 and 1.</summary>
    public static double TotalVariation(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var (pn, qn) = Normalised(p, q);
        return pn.Zip(qn, (a, b) => Math.Abs(a - b)).Sum() / 2;
    }

    /// <summary>
    /// W1 between weights <paramref name="p"/> and <paramref name="q"/> on the 1-D points <paramref name="support"/>:
    /// the integral of |F_P - F_Q|, the least mass times distance needed to turn one into the other.
    /// </summary>
    public static double EarthMovers(IReadOnlyList<double> support, IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        var (pn, qn) = Normalised(p, q);
        if (support.Count != pn.Length)
            throw new InvalidInputException($"support: {support.Count} points for {pn.Length} weights");
        var order = Enumerable.Range(0, support.Count).OrderBy(i => support[i]).ToArray();
        double cumulativeGap = 0, distance = 0;
        for (var k = 0; k < order.Length - 1; k++)
        {
            cumulativeGap += pn[order[k]] - qn[order[k]];
            distance += Math.Abs(cumulativeGap) * (support[order[k + 1]] - support[order[k]]);
        }
        return distance;
    }

    /// <summary>W1 between the empirical distributions of two 1-D samples (as scipy.stats.wasserstein_distance).</summary>
    public static double EarthMovers(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (support, p, q) = Empirical(a, b);
        return EarthMovers(support, p, q);
    }

    /// <summary>KL, JS, TV and EM between the empirical distributions of two 1-D samples (point masses at the observed values).</summary>
    public static (double KullbackLeibler, double JensenShannon, double TotalVariation, double EarthMovers) BetweenSamples(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var (support, p, q) = Empirical(a, b);
        return (KullbackLeibler(p, q), JensenShannon(p, q), TotalVariation(p, q), EarthMovers(support, p, q));
    }

    /// <summary>
    /// KL both ways, JS, TV and EM between <paramref name="p"/> and <paramref name="q"/>: exactly between two discrete
    /// ones; otherwise (or with <paramref name="bins"/> &gt; 0) over <paramref name="bins"/> equal bins spanning both
    /// supports (100,000 by default), EM between the bins' centres. Seed 000's question 6, JS(U(-1, 0), U(1, 2)), is log 2.
    /// </summary>
    public static DivergenceValues Between(Distribution1D p, Distribution1D q, int bins = 0)
    {
        if (bins < 0)
            throw new InvalidInputException("bins", bins.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive (or 0 for the default)");
        if (bins == 0 && p.Atoms is { } pAtoms && q.Atoms is { } qAtoms)
        {
            var (support, pm, qm) = Empirical(pAtoms, qAtoms);
            return new DivergenceValues(KullbackLeibler(pm, qm), KullbackLeibler(qm, pm), JensenShannon(pm, qm), TotalVariation(pm, qm), EarthMovers(support, pm, qm), 0);
        }
        var count = bins > 0 ? bins : 100_000;
        var low = Math.Min(p.Support.Low, q.Support.Low);
        var high = Math.Max(p.Support.High, q.Support.High);
        var width = high > low ? (high - low) / count : 1;
        var edges = Enumerable.Range(0, count + 1).Select(i => i == count ? Math.Max(high, low + width * count) : low + width * i).ToArray();
        var centres = edges.Zip(edges.Skip(1), (a, b) => (a + b) / 2).ToArray();
        var pb = p.MassPerBin(edges);
        var qb = q.MassPerBin(edges);
        return new DivergenceValues(KullbackLeibler(pb, qb), KullbackLeibler(qb, pb), JensenShannon(pb, qb), TotalVariation(pb, qb), EarthMovers(centres, pb, qb), count);
    }

    /// <summary>
    /// Seed 004's example: P uniform on the line x = 0 and Q on x = <paramref name="theta"/> (0 &lt;= y &lt;= 1). Along y
    /// both are the same; along x they are point masses, so every distance is that of two point masses.
    /// </summary>
    public static DivergenceValues ParallelLines(double theta) => Between(new PointMass(0), new PointMass(theta));

    private static (double[] Support, double[] P, double[] Q) Empirical(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count == 0 || b.Count == 0)
            throw new InvalidInputException("samples: both must hold at least one value");
        if (a.Concat(b).Any(v => !double.IsFinite(v)))
            throw new InvalidInputException("samples: values must be finite");
        var support = a.Concat(b).Distinct().Order().ToArray();
        var index = support.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i);
        var p = new double[support.Length];
        var q = new double[support.Length];
        foreach (var v in a)
            p[index[v]] += 1.0 / a.Count;
        foreach (var v in b)
            q[index[v]] += 1.0 / b.Count;
        return (support, p, q);
    }

    private static (double[] P, double[] Q) Normalised(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        if (p.Count != q.Count)
            throw new InvalidInputException($"distributions: {p.Count} and {q.Count} weights; both must cover the same support");
        return (Normalised(p, "P"), Normalised(q, "Q"));
    }

    private static double[] Normalised(IReadOnlyList<double> weights, string name)
    {
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
            throw new InvalidInputException($"{name}: weights must be finite and non-negative");
        var total = weights.Sum();
        if (total <= 0)
            throw new InvalidInputException($"{name}: weights sum to zero");
        return [.. weights.Select(w => w / total)];
    }
}

/// <summary>The four distances of seed 004 between two distributions P and Q (KL both ways; JS in nats).</summary>
/// <param name="KullbackLeiblerPQ">KL(P || Q).</param>
/// <param name="KullbackLeiblerQP">KL(Q || P).</param>
/// <param name="JensenShannon">JS(P, Q), at most log 2.</param>
/// <param name="TotalVariation">TV(P, Q), at most 1.</param>
/// <param name="EarthMovers">W1(P, Q).</param>
/// <param name="Bins">The bins both were spread over, or 0 when compared exactly.</param>
public sealed record DivergenceValues(double KullbackLeiblerPQ, double KullbackLeiblerQP, double JensenShannon, double TotalVariation, double EarthMovers, int Bins);
