using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Tests.Evaluation;

public sealed class DivergenceTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(-2.0)]
    public void Seed_004s_parallel_lines_give_infinite_kl_log_2_js_unit_tv_and_theta_em(double theta)
    {
        // Along x, P is a point mass at 0 and Q one at theta.
        double[] support = [0, theta];
        double[] p = [1, 0];
        double[] q = [0, 1];
        Assert.Equal(double.PositiveInfinity, Divergences.KullbackLeibler(p, q));
        Assert.Equal(Math.Log(2), Divergences.JensenShannon(p, q), 12);
        Assert.Equal(1, Divergences.TotalVariation(p, q), 12);
        Assert.Equal(Math.Abs(theta), Divergences.EarthMovers(support, p, q), 12);

        // The same from samples of the two lines' x coordinates.
        var (kl, js, tv, em) = Divergences.BetweenSamples(Enumerable.Repeat(0.0, 50).ToArray(), Enumerable.Repeat(theta, 30).ToArray());
        Assert.Equal(double.PositiveInfinity, kl);
        Assert.Equal(Math.Log(2), js, 12);
        Assert.Equal(1, tv, 12);
        Assert.Equal(Math.Abs(theta), em, 12);
    }

    [Fact]
    public void At_theta_zero_every_distance_vanishes()
    {
        var (kl, js, tv, em) = Divergences.BetweenSamples([0.0, 0.0], [0.0]);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (kl, js, tv, em));
    }

    [Fact]
    public void Kl_is_asymmetric_and_matches_a_hand_computed_value()
    {
        double[] p = [0.5, 0.5];
        double[] q = [0.25, 0.75];
        // 0.5 log 2 + 0.5 log(2/3)
        Assert.Equal(0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3), Divergences.KullbackLeibler(p, q), 12);
        // 0.25 log(1/2) + 0.75 log(3/2)
        Assert.Equal(0.25 * Math.Log(0.5) + 0.75 * Math.Log(1.5), Divergences.KullbackLeibler(q, p), 12);
        Assert.Equal(0.25, Divergences.TotalVariation(p, q), 12);
        Assert.Equal(Divergences.JensenShannon(p, q), Divergences.JensenShannon(q, p), 12);
        Assert.InRange(Divergences.JensenShannon(p, q), 0, Math.Log(2));
    }

    [Fact]
    public void Weights_are_normalised_and_bad_ones_are_named()
    {
        Assert.Equal(0, Divergences.TotalVariation([2, 2], [5, 5]), 12);
        Assert.Contains("P: weights must be finite and non-negative", Assert.Throws<InvalidInputException>(() => Divergences.TotalVariation([-1, 2], [1, 1])).Message);
        Assert.Contains("Q: weights sum to zero", Assert.Throws<InvalidInputException>(() => Divergences.JensenShannon([1, 1], [0, 0])).Message);
        Assert.Contains("same support", Assert.Throws<InvalidInputException>(() => Divergences.KullbackLeibler([1], [1, 1])).Message);
    }

    [Fact]
    public void Earth_movers_distance_of_samples_matches_scipy()
    {
        // scipy.stats.wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5 (every value moves by 5);
        // wasserstein_distance([0, 1], [0, 3]) = (0 + 2) / 2 = 1.
        Assert.Equal(5, Divergences.EarthMovers([0.0, 1, 3], [5.0, 6, 8]), 12);
        Assert.Equal(1, Divergences.EarthMovers([0.0, 1], [0.0, 3]), 12);
        // Mass 1/2 moved by 2 on an unsorted support.
        Assert.Equal(1, Divergences.EarthMovers([4.0, 0, 2], [0, 0.5, 0.5], [0, 1, 0]), 12);
    }
}
