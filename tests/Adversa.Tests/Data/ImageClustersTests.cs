using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Tests.Data;

public sealed class ImageClustersTests
{
    [Fact]
    public void Clusters_are_filled_nearest_first_up_to_equal_sizes()
    {
        // Four images near (0, 0) and two near (10, 10), two clusters of at most 3 (a plain k-means gives 4 and 2). At the
        // fixed point the centres are (1/3, 1/3) and (8, 8.33): the near three fill the first cluster at distances 0.47 to
        // 0.75 before (4,4)'s pair comes (5.2), so (4,4) joins the far two (5.9), whose mean that is. Seeded with (4,4) and
        // (10,10), the first assignment is {(0,1), (1,0), (4,4)} and {(0,0), (10,10), (10,11)}; the means (1.67, 1.67) and
        // (6.67, 7) then give the fixed point's clusters, as every other seeding does at once or after one such step.
        using var images = tensor(new float[] { 0, 0, 0, 1, 1, 0, 4, 4, 10, 10, 10, 11 }).reshape(6, 1, 1, 2);
        foreach (var seed in new long[] { 1, 2, 3, 4, 5, 6, 7, 8 })
        {
            var clusters = ImageClusters.Balanced(images, 2, seed);
            Assert.All(clusters[1..3], c => Assert.Equal(clusters[0], c));
            Assert.NotEqual(clusters[0], clusters[3]);
            Assert.All(clusters[4..], c => Assert.Equal(clusters[3], c));
        }
    }

    [Fact]
    public void Every_cluster_holds_at_most_its_share_and_the_seed_gives_the_same_clusters()
    {
        using var images = randn(103, 1, 4, 4, generator: new Generator(7));
        var clusters = ImageClusters.Balanced(images, 10, seed: 3);
        var sizes = clusters.GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        // ceil(103 / 10) = 11 at most; the ten sizes add up to 103, so each is at least 103 - 9 x 11 = 4.
        Assert.Equal(Enumerable.Range(0, 10).Select(c => (long)c), sizes.Keys.Order());
        Assert.All(sizes.Values, size => Assert.InRange(size, 4, 11));
        Assert.Equal(clusters, ImageClusters.Balanced(images, 10, seed: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageClusters.Balanced(images, 104, seed: 3));
    }

    [Fact]
    public void Distances_are_those_of_cdist_to_the_bit()
    {
        // The clusters a run trains on must not change with how the distances are computed: the same values as
        // libtorch's cdist (which takes its matrix-product path for more than 25 rows), for many centres and for one.
        using var scope = NewDisposeScope();
        var points = randn(300, 40, generator: new Generator(5));
        var centres = randn(7, 40, generator: new Generator(6));
        var augmented = ImageClusters.Augmented(points);
        Assert.True((ImageClusters.Distances(augmented, centres) == cdist(points, centres)).all().item<bool>());
        Assert.True((ImageClusters.Distances(augmented, centres[..1]) == cdist(points, centres[..1])).all().item<bool>());
        // And they are distances: the first point's to the first centre, summed by hand.
        var byHand = Math.Sqrt(Enumerable.Range(0, 40).Sum(i => Math.Pow(points[0, i].item<float>() - centres[0, i].item<float>(), 2)));
        Assert.Equal(byHand, ImageClusters.Distances(augmented, centres)[0, 0].item<float>(), 4);
    }
}
