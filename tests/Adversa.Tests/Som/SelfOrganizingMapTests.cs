using Adversa.Runtime;
using Adversa.Som;
using static TorchSharp.torch;

namespace Adversa.Tests.Som;

public sealed class SelfOrganizingMapTests
{
    private static SomConfig Small(SomAlgorithm algorithm = SomAlgorithm.Online) => new()
    {
        Rows = 3, Columns = 4, Algorithm = algorithm, Epochs = 4, ConvergenceEpochs = 2, Tau = 2, Sigma = 1.5, SigmaFinal = 0.5,
        LearningRate = 0.5, LearningRateFinal = 0.1, NormalizeWeights = false, Seed = 9, TileSize = 7,
    };

    [Theory]
    [InlineData(SomDistance.Euclidean)]
    [InlineData(SomDistance.Cosine)]
    [InlineData(SomDistance.Manhattan)]
    public void Winners_match_a_brute_force_search_across_tiles(SomDistance distance)
    {
        using var map = new SelfOrganizingMap(Small() with { Distance = distance }, 6);
        manual_seed(4);
        using var data = randn(30, 6);
        map.SetWeights(randn(12, 6));
        var samples = data.data<float>().ToArray();
        var weights = map.Weights.data<float>().ToArray();
        var expected = new long[30];
        for (var i = 0; i < 30; i++)
        {
            var best = double.PositiveInfinity;
            for (var u = 0; u < 12; u++)
            {
                double euclidean = 0, manhattan = 0, dot = 0, xx = 0, ww = 0;
                for (var k = 0; k < 6; k++)
                {
                    double x = samples[i * 6 + k], w = weights[u * 6 + k];
                    euclidean += (x - w) * (x - w);
                    manhattan += Math.Abs(x - w);
                    dot += x * w; xx += x * x; ww += w * w;
                }
                var score = distance switch { SomDistance.Euclidean => euclidean, SomDistance.Manhattan => manhattan, _ => 1 - dot / Math.Sqrt(xx * ww) };
                if (score < best)
                {
                    best = score;
                    expected[i] = u;
                }
            }
        }
        using var winners = map.Winners(data);
        Assert.Equal(expected, winners.data<long>().ToArray());
    }

    [Fact]
    public void Quantization_and_topographic_errors_match_a_hand_computed_map()
    {
        // A 1x3 map with weights 0, 10, 1 (units at lattice positions 0, 1, 2).
        using var map = new SelfOrganizingMap(new SomConfig { Rows = 1, Columns = 3 }, 1);
        map.SetWeights(tensor(new float[,] { { 0 }, { 10 }, { 1 } }));
        // 0.4: best unit 0 (0.4), second unit 2 (0.6): two units apart, a topographic error.
        // 9: best unit 1 (1), second unit 2 (8): neighbours.
        using var data = tensor(new float[,] { { 0.4f }, { 9 } });
        Assert.Equal(0.7, map.QuantizationError(data), 5);
        Assert.Equal(0.5, map.TopographicError(data), 12);
        Assert.Equal([1L, 1, 0], map.HitCounts(data));
    }

    [Fact]
    public void The_batch_map_update_matches_a_direct_loop()
    {
        var config = Small(SomAlgorithm.Batch) with { Epochs = 1, ConvergenceEpochs = 0, Sigma = 1.2 };
        using var map = new SelfOrganizingMap(config, 3);
        manual_seed(2);
        using var data = randn(25, 3);
        map.SetWeights(randn(12, 3));
        var before = map.Weights.data<float>().ToArray();
        var winners = map.Winners(data).data<long>().ToArray();
        map.Train(data, epochs: 1);

        // sigma at epoch 1 of 1 under the default exponential decay: 1.2 exp(-1 / tau).
        var sigma = 1.2 * Math.Exp(-1 / config.Tau);
        var samples = data.data<float>().ToArray();
        var after = map.Weights.data<float>().ToArray();
        for (var u = 0; u < 12; u++)
        {
            var numerator = new double[3];
            double denominator = 0;
            for (var i = 0; i < 25; i++)
            {
                var h = Math.Exp(-map.Grid.SquaredDistances[winners[i], u] / (2 * sigma * sigma));
                denominator += h;
                for (var k = 0; k < 3; k++)
                    numerator[k] += h * samples[i * 3 + k];
            }
            for (var k = 0; k < 3; k++)
                Assert.Equal(denominator > 1e-12 ? numerator[k] / denominator : before[u * 3 + k], after[u * 3 + k], 4);
        }
    }

    [Fact]
    public void An_online_epoch_matches_seed_000s_loop()
    {
        var config = Small() with { Epochs = 1, ConvergenceEpochs = 0, NormalizeWeights = true };
        using var map = new SelfOrganizingMap(config, 4);
        manual_seed(5);
        using var data = rand(9, 4);
        map.SetWeights(randn(12, 4) * 0.1f);
        var weights = map.Weights.data<float>().Select(v => (double)v).ToArray();
        var samples = data.data<float>().ToArray();
        // The map's permutation: the first draw of a generator seeded like the map's.
        using var generator = new Generator((ulong)config.Seed);
        var order = randperm(9, generator: generator).data<long>().ToArray();
        var eta = 0.5 * Math.Exp(-1 / config.Tau);
        var sigma = 1.5 * Math.Exp(-1 / config.Tau);
        foreach (var n in order)
        {
            var winner = 0;
            var best = double.PositiveInfinity;
            for (var u = 0; u < 12; u++)
            {
                double d = 0;
                for (var k = 0; k < 4; k++)
                    d += Math.Pow(samples[n * 4 + k] - weights[u * 4 + k], 2);
                if (d < best) { best = d; winner = u; }
            }
            for (var u = 0; u < 12; u++)
            {
                var h = Math.Exp(-map.Grid.SquaredDistances[winner, u] / (2 * sigma * sigma));
                for (var k = 0; k < 4; k++)
                    weights[u * 4 + k] += eta * h * (samples[n * 4 + k] - weights[u * 4 + k]);
            }
        }
        for (var u = 0; u < 12; u++)
        {
            var norm = Math.Sqrt(Enumerable.Range(0, 4).Sum(k => weights[u * 4 + k] * weights[u * 4 + k]));
            for (var k = 0; k < 4; k++)
                weights[u * 4 + k] /= norm;
        }

        map.Train(data, epochs: 1);
        var trained = map.Weights.data<float>().ToArray();
        for (var i = 0; i < weights.Length; i++)
            Assert.Equal(weights[i], trained[i], 4);
    }

    [Fact]
    public void The_online_kernel_gives_the_same_weights_on_one_thread_and_on_two()
    {
        // 8x8 units of 1,024 values, split in two ranges of units that meet at a barrier per sample.
        var random = new Random(7);
        var data = Enumerable.Range(0, 40 * 1024).Select(_ => (float)random.NextDouble()).ToArray();
        var start = Enumerable.Range(0, 64 * 1024).Select(_ => (float)(random.NextDouble() * 0.1)).ToArray();
        var neighborhood = Enumerable.Range(0, 64 * 64).Select(i => (float)Math.Exp(-(i % 64 - i / 64) * (i % 64 - i / 64) / 8.0)).ToArray();
        long[] order = [.. Enumerable.Range(0, 40).Select(i => (long)((i * 7) % 40))];
        float[] Train(int workers)
        {
            var weights = (float[])start.Clone();
            using var kernel = new OnlineSomKernel(weights, 64, 1024, SomDistance.Euclidean, workers);
            Assert.Equal(workers, kernel.Workers);
            for (var epoch = 0; epoch < 3; epoch++)
                kernel.Epoch(data, order, neighborhood, 0.5 / (epoch + 1));
            return weights;
        }
        Assert.Equal(Train(1), Train(2));
    }

    [Theory]
    [InlineData(SomAlgorithm.Online)]
    [InlineData(SomAlgorithm.Batch)]
    public void Continued_training_goes_on_with_the_schedule_instead_of_restarting_it(SomAlgorithm algorithm)
    {
        manual_seed(1);
        using var data = rand(20, 5);
        using var whole = new SelfOrganizingMap(Small(algorithm), 5);
        whole.Initialize(data);
        whole.Train(data);
        using var pieces = new SelfOrganizingMap(Small(algorithm), 5);
        pieces.Initialize(data);
        pieces.Train(data, epochs: 2);
        Assert.Equal(2, pieces.EpochsDone);
        pieces.Train(data, epochs: 4);
        Assert.Equal(6, pieces.EpochsDone);
        Assert.True(whole.Weights.allclose(pieces.Weights, rtol: 1e-5, atol: 1e-6));
        Assert.Equal((0.1, 0.5), pieces.ScheduleAt(4));
        Assert.Equal(0.5 * Math.Exp(-2 / 2.0), pieces.ScheduleAt(1).LearningRate, 12);
    }

    [Theory]
    [InlineData(SomAlgorithm.Online, SomTopology.Rectangular)]
    [InlineData(SomAlgorithm.Batch, SomTopology.Hexagonal)]
    public void Two_separate_clusters_land_in_different_regions_of_the_map(SomAlgorithm algorithm, SomTopology topology)
    {
        manual_seed(3);
        using var first = randn(60, 8) * 0.1f + 2;
        using var second = randn(60, 8) * 0.1f - 2;
        using var data = cat([first, second], 0);
        var config = new SomConfig
        {
            Rows = 6, Columns = 6, Topology = topology, Algorithm = algorithm, Epochs = 20, ConvergenceEpochs = 5, Tau = 10,
            Sigma = 3, SigmaFinal = 0.7, LearningRate = 0.5, LearningRateFinal = 0.05, NormalizeWeights = false, Initialization = SomInitialization.Samples,
        };
        using var map = new SelfOrganizingMap(config, 8);
        map.Initialize(data);
        map.Train(data);
        var firstUnits = map.Winners(first).data<long>().ToArray().Distinct().ToArray();
        var secondUnits = map.Winners(second).data<long>().ToArray().Distinct().ToArray();
        Assert.Empty(firstUnits.Intersect(secondUnits));
        (double X, double Y) Centre(long[] units) => (units.Average(u => map.Grid.Positions[(int)u].X), units.Average(u => map.Grid.Positions[(int)u].Y));
        var (a, b) = (Centre(firstUnits), Centre(secondUnits));
        Assert.True(Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2)) > 2, $"centres {a} and {b}");
        Assert.True(map.QuantizationError(data) < 1.0);
    }

    [Fact]
    public void Pca_initialisation_spans_the_principal_plane_around_the_mean()
    {
        // Points along x with spread 10 and along y with spread 1: rows follow x, columns follow y.
        manual_seed(8);
        using var data = stack([randn(500) * 10 + 5, randn(500) - 3, zeros(500)], 1);
        using var map = new SelfOrganizingMap(new SomConfig { Rows = 3, Columns = 3, Initialization = SomInitialization.Pca }, 3);
        map.Initialize(data);
        var w = map.Weights.data<float>().ToArray();
        Assert.Equal(5, w[4 * 3], 0);      // centre unit at the mean
        Assert.Equal(-3, w[4 * 3 + 1], 0);
        // Rows span -1 to +1 standard deviation along x (2 x the sample deviation), columns along y.
        var deviationX = data[.., 0].std().item<float>();
        var deviationY = data[.., 1].std().item<float>();
        Assert.Equal(2 * deviationX, Math.Abs(w[7 * 3] - w[1 * 3]), 0.02 * deviationX);
        Assert.Equal(2 * deviationY, Math.Abs(w[5 * 3 + 1] - w[3 * 3 + 1]), 0.1 * deviationY);
    }

    [Fact]
    public void Labels_follow_the_majority_and_new_samples_take_their_winners_label()
    {
        using var map = new SelfOrganizingMap(new SomConfig { Rows = 1, Columns = 3 }, 1);
        map.SetWeights(tensor(new float[,] { { 0 }, { 5 }, { 10 } }));
        using var data = tensor(new float[,] { { 0.1f }, { 0.2f }, { -0.3f }, { 4.9f }, { 5.1f } });
        var labelMap = map.LabelMap(data, [7, 7, 3, 1, 2]);
        Assert.Equal([7L, 1, -1], labelMap); // unit 1: a 1-1 tie goes to the smaller label; unit 2 won nothing
        using var fresh = tensor(new float[,] { { 0.4f }, { 9 } });
        Assert.Equal([7L, -1], map.Classify(fresh, labelMap));
    }

    [Fact]
    public void A_saved_map_loads_with_its_weights_configuration_and_progress()
    {
        using var temp = new TempDirectory();
        manual_seed(6);
        using var data = rand(10, 3);
        var config = Small() with { Topology = SomTopology.Hexagonal, Toroidal = true, Rows = 4 };
        using var map = new SelfOrganizingMap(config, 3);
        map.Initialize(data);
        map.Train(data, epochs: 3);
        var path = temp.File("map.som");
        map.Save(path);

        using var loaded = SelfOrganizingMap.Load(path);
        Assert.Equal(config, loaded.Config);
        Assert.Equal(3, loaded.EpochsDone);
        Assert.True(map.Weights.equal(loaded.Weights).all().item<bool>());

        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        Assert.Contains(path, Assert.Throws<InvalidInputException>(() => SelfOrganizingMap.Load(path)).Message);
        File.WriteAllBytes(path, "not a map at all"u8.ToArray());
        Assert.Contains("not an Adversa map", Assert.Throws<InvalidInputException>(() => SelfOrganizingMap.Load(path)).Message);
    }

    [Fact]
    public void Samples_of_the_wrong_length_name_the_data()
    {
        using var map = new SelfOrganizingMap(new SomConfig { Data = "mine" }, 4);
        using var wrong = zeros(3, 5);
        Assert.Contains("data mine: expected samples of 4 values", Assert.Throws<InvalidInputException>(() => map.Winners(wrong)).Message);
    }
}
