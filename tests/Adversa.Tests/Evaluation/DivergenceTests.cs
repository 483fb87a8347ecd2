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

    [Fact]
    public void Seed_000s_question_6_js_between_u_minus_1_0_and_u_1_2_is_log_2()
    {
        // Disjoint supports: JS = log 2, TV = 1, KL infinite both ways; W1 between U(-1, 0) and U(1, 2) is the shift, 2.
        var values = Divergences.Between(new Uniform(-1, 0), new Uniform(1, 2));
        Assert.Equal(Math.Log(2), values.JensenShannon, 9);
        Assert.Equal(1, values.TotalVariation, 9);
        Assert.Equal((double.PositiveInfinity, double.PositiveInfinity), (values.KullbackLeiblerPQ, values.KullbackLeiblerQP));
        Assert.Equal(2, values.EarthMovers, 4);
    }

    [Fact]
    public void Overlapping_uniforms_match_their_closed_forms()
    {
        // P = U(0, 1), Q = U(0, 2): KL(P||Q) = log 2, KL(Q||P) infinite, TV = 1/2,
        // W1 = integral of |F_P - F_Q| = integral_0^1 (x - x/2) dx + integral_1^2 (1 - x/2) dx = 1/4 + 1/4 = 1/2.
        var values = Divergences.Between(new Uniform(0, 1), new Uniform(0, 2));
        Assert.Equal(Math.Log(2), values.KullbackLeiblerPQ, 9);
        Assert.Equal(double.PositiveInfinity, values.KullbackLeiblerQP);
        Assert.Equal(0.5, values.TotalVariation, 9);
        // M = 3/4 on (0, 1), 1/4 on (1, 2): KL(P||M) = log(4/3); KL(Q||M) = (1/2) log(2/3) + (1/2) log 2.
        Assert.Equal((Math.Log(4.0 / 3) + 0.5 * Math.Log(2.0 / 3) + 0.5 * Math.Log(2)) / 2, values.JensenShannon, 9);
        Assert.Equal(0.5, values.EarthMovers, 4);
    }

    [Fact]
    public void The_parallel_lines_table_and_sample_files_come_from_the_command_line()
    {
        var (code, output, error) = Cli.CliRunner.Run("divergence", "--theta", "0.5");
        Assert.True(code == 0, error);
        Assert.Contains("KL(P||Q)  inf", output);
        Assert.Contains("JS(P, Q)  0.693147", output);
        Assert.Contains("TV(P, Q)  1.000000", output);
        Assert.Contains("EM(P, Q)  0.500000", output);

        (code, output, error) = Cli.CliRunner.Run("divergence", "--p", "uniform:-1,0", "--q", "uniform:1,2");
        Assert.True(code == 0, error);
        Assert.Contains("P = U(-1, 0), Q = U(1, 2) (100,000 bins over [-1, 2])", output);
        Assert.Contains("JS(P, Q)  0.693147", output);

        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "a.txt");
        File.WriteAllText(file, "0\n1, 3\n");
        (code, output, error) = Cli.CliRunner.Run("divergence", "--p", file, "--q", "point:5");
        Assert.True(code == 0, error);
        // From (0, 1, 3) to 5: (5 + 4 + 2) / 3.
        Assert.Contains("EM(P, Q)  3.666667", output);

        File.WriteAllText(file, "0 1 x");
        (code, _, error) = Cli.CliRunner.Run("divergence", "--p", file, "--q", "point:5");
        Assert.Equal(2, code);
        Assert.Equal($"adversa: --p {file}: 'x' is not a finite number", error.Trim());
        (code, _, error) = Cli.CliRunner.Run("divergence", "--p", "uniform:1,0", "--q", "point:5");
        Assert.Equal(2, code);
        Assert.Equal("adversa: --p uniform:1,0: a uniform is uniform:LOW,HIGH with LOW < HIGH", error.Trim());
    }
}
