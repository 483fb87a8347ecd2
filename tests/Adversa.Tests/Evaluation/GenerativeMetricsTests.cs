using Adversa.Evaluation;
using Adversa.Runtime;
using static TorchSharp.torch;

namespace Adversa.Tests.Evaluation;

public sealed class GenerativeMetricsTests
{
    private static FeatureStatistics Gaussian(double[] mean, double[,] covariance) => new(mean, covariance, 1000);

    [Fact]
    public void Fid_of_diagonal_gaussians_is_the_mean_gap_plus_the_squared_root_gaps()
    {
        // sum (mu1 - mu2)^2 + sum (sqrt(a) - sqrt(b))^2 = (1 + 4) + ((2 - 1)^2 + (3 - 1)^2) = 10.
        var a = Gaussian([0, 0], new double[,] { { 4, 0 }, { 0, 9 } });
        var b = Gaussian([1, 2], new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(10, GenerativeMetrics.FrechetDistance(a, b), 9);
        Assert.Equal(10, GenerativeMetrics.FrechetDistance(b, a), 9);
    }

    [Fact]
    public void Fid_handles_non_commuting_and_rank_deficient_covariances()
    {
        // S1 = [[2, 1], [1, 2]] (eigenvalues 3 and 1), S2 = I: Tr(S1) + 2 - 2 (sqrt 3 + 1) = 4 - 2 sqrt 3.
        var a = Gaussian([0, 0], new double[,] { { 2, 1 }, { 1, 2 } });
        var b = Gaussian([0, 0], new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(4 - 2 * Math.Sqrt(3), GenerativeMetrics.FrechetDistance(a, b), 9);
        // A rank-1 covariance against itself: exactly 0, no NaN from the singular square root.
        var flat = Gaussian([1, 1], new double[,] { { 1, 1 }, { 1, 1 } });
        Assert.Equal(0, GenerativeMetrics.FrechetDistance(flat, flat), 9);
    }

    [Fact]
    public void Fid_of_a_feature_set_with_itself_is_zero_and_too_few_samples_are_refused()
    {
        manual_seed(1);
        using var features = randn(50, 8);
        var statistics = FeatureStatistics.Of(features);
        Assert.Equal(50, statistics.Count);
        Assert.Equal(0, GenerativeMetrics.FrechetDistance(statistics, statistics), 6);
        using var shifted = features + 1;
        Assert.Equal(8, GenerativeMetrics.FrechetDistance(statistics, FeatureStatistics.Of(shifted)), 4); // only the means move, by 1 in 8 dimensions
        Assert.Contains("at least 2", Assert.Throws<InvalidInputException>(() => FeatureStatistics.Of(ones(1, 8))).Message);
    }

    [Fact]
    public void Kid_matches_a_hand_computed_unbiased_mmd()
    {
        // d = 1, k(x, y) = (xy + 1)^3. X = {0, 1}: k(0,1) = 1. Y = {1, 2}: k(1,2) = 27.
        // Cross: k(0,1) + k(0,2) + k(1,1) + k(1,2) = 1 + 1 + 8 + 27 = 37. MMD^2 = 2/2 + 54/2 - 2 * 37/4 = 9.5.
        using var x = tensor(new double[,] { { 0 }, { 1 } });
        using var y = tensor(new double[,] { { 1 }, { 2 } });
        var (mean, std) = GenerativeMetrics.KernelDistance(x, y, subsets: 3, subsetSize: 2);
        Assert.Equal(9.5, mean, 9);
        Assert.Equal(0, std, 9);
        // Two samples of one distribution: near 0 (unbiased, so either sign); a shifted one: far above.
        manual_seed(2);
        using var first = randn(400, 4);
        using var second = randn(400, 4);
        using var shifted = randn(400, 4) + 1;
        var same = GenerativeMetrics.KernelDistance(first, second, subsets: 10, subsetSize: 200).Mean;
        var different = GenerativeMetrics.KernelDistance(first, shifted, subsets: 10, subsetSize: 200).Mean;
        Assert.True(Math.Abs(same) < 0.05 * different, $"same {same}, shifted {different}");
    }

    [Fact]
    public void Inception_score_lies_between_one_and_the_number_of_classes()
    {
        // Confident, evenly spread predictions over 4 classes: exactly 4.
        using var confident = eye(4).repeat(5, 1);
        Assert.Equal(4, GenerativeMetrics.InceptionScore(confident, splits: 5).Mean, 9);
        // The same prediction for every image: exactly 1.
        using var same = tensor(new[] { 0.7, 0.2, 0.1 }).repeat(12, 1);
        Assert.Equal(1, GenerativeMetrics.InceptionScore(same, splits: 3).Mean, 9);
        // Hand case, one split: p(y|x) = (1, 0) and (1/2, 1/2); p(y) = (3/4, 1/4).
        // KLs: log(4/3) and (1/2) log(2/3) + (1/2) log 2; IS = exp of their mean.
        using var mixed = tensor(new double[,] { { 1, 0 }, { 0.5, 0.5 } });
        var expected = Math.Exp((Math.Log(4.0 / 3) + 0.5 * Math.Log(2.0 / 3) + 0.5 * Math.Log(2)) / 2);
        Assert.Equal(expected, GenerativeMetrics.InceptionScore(mixed, splits: 1).Mean, 9);
    }

    [Fact]
    public void Precision_and_recall_follow_the_k_nearest_neighbour_balls()
    {
        // Real points 0, 1, 2, 3 (k = 1: every ball has radius 1). Generated 0.5 and 10 (k = 1: radius 9.5 each).
        // Precision: 0.5 lies in the ball of 0, 10 in none: 1/2. Recall: every real point is within 9.5 of 0.5: 1.
        using var real = tensor(new float[,] { { 0 }, { 1 }, { 2 }, { 3 } });
        using var fake = tensor(new float[,] { { 0.5f }, { 10 } });
        var (precision, recall) = GenerativeMetrics.PrecisionRecall(real, fake, k: 1, tileSize: 3);
        Assert.Equal((0.5, 1.0), (precision, recall));
        Assert.Contains("more than 3 samples", Assert.Throws<InvalidInputException>(() => GenerativeMetrics.PrecisionRecall(real, fake, k: 3)).Message);
    }
}
