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
}
