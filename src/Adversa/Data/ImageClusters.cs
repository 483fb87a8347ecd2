using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>
/// Groups images into clusters of equal size by k-means on their pixels: the labels of a self-conditioned GAN
/// (Liu et al. 2020), which conditions on clusters where it has no classes.
/// </summary>
/// <remarks>
/// k-means++ seeding (Arthur and Vassilvitskii 2007), then Lloyd's iterations in which each assignment fills the
/// clusters greedily, nearest image-centre pairs first, up to ceil(n / k) images each. Equal sizes make drawing the
/// clusters uniformly draw the images' own distribution (a plain k-means on MNIST gives clusters of 585 to 1,237 of
/// 8,334 digits), so a generator conditioned on them needs no record of their sizes. Written here since neither
/// TorchSharp nor any package on .NET has a k-means over tensors, let alone a balanced one.
///
/// Distances are libtorch's cdist to the bit (for more than 25 images, where cdist takes its matrix-product path; below
/// that it subtracts directly, which rounds otherwise), but with the images' side of that product built once: cdist
/// builds that N x (D + 2) matrix anew on every call, which took 3.6 s a call for Fashion-MNIST's 60,000 images on a
/// 2-core AMD EPYC (new pages fault in slowly there), so that clustering them took over a minute.
/// </remarks>
public static class ImageClusters
{
    /// <summary>
    /// The cluster (0 to <paramref name="clusters"/> - 1) of each image of <paramref name="images"/> (N x ...), every
    /// cluster holding ceil(N / k) images or fewer (at most k - 1 fewer); the same images, seed and thread count give the
    /// same clusters.
    /// </summary>
    public static long[] Balanced(Tensor images, int clusters, long seed, int iterations = 20)
    {
        var count = images.shape[0];
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusters, count);
        using var scope = NewDisposeScope();
        using var random = new Generator((ulong)seed);
        var points = images.reshape(count, -1).to(ScalarType.Float32).cpu();
        var augmented = Augmented(points);
        var centres = SeededCentres(points, augmented, clusters, random);
        var assignment = Array.Empty<long>();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var next = BalancedAssignment(Distances(augmented, centres), clusters);
            if (next.AsSpan().SequenceEqual(assignment))
                break;
            assignment = next;
            var members = tensor(assignment);
            // Each centre moves to the mean of its images; one left empty (possible when N < k squared) stays.
            var sums = zeros_like(centres).index_add_(0, members, points, 1);
            var sizes = bincount(members, minlength: clusters).to(ScalarType.Float32).unsqueeze(1);
            centres = where(sizes > 0, sums / sizes.clamp_min(1), centres);
        }
        return assignment;
    }

    // k-means++: the first centre uniformly, each next one with probability proportional to the squared distance to the nearest chosen.
    private static Tensor SeededCentres(Tensor points, Tensor augmented, int clusters, Generator random)
    {
        var chosen = new List<Tensor> { points[randint(points.shape[0], [1], generator: random)] };
        var nearest = Distances(augmented, chosen[0]).squeeze(1).square();
        for (var c = 1; c < clusters; c++)
        {
            // All points already chosen (duplicates): any will do.
            var weights = nearest.sum().item<float>() > 0 ? nearest : ones_like(nearest);
            var centre = points[multinomial(weights, 1, generator: random)];
            chosen.Add(centre);
            nearest = minimum(nearest, Distances(augmented, centre).squeeze(1).square());
        }
        return cat(chosen, 0);
    }

    /// <summary>The points' side of cdist's matrix-product path (ATen's _euclidean_dist): [-2x, |x|^2, 1] per row.</summary>
    internal static Tensor Augmented(Tensor points) =>
        cat([points.mul(-2), points.pow(2).sum(-1, keepdim: true), ones(points.shape[0], 1)], -1);

    /// <summary>
    /// The N x k Euclidean distances of the points (<see cref="Augmented"/>) to the centres as cdist computes them for
    /// more than 25 rows: [-2x, |x|^2, 1] . [c, 1, |c|^2], clamped at 0, square root.
    /// </summary>
    internal static Tensor Distances(Tensor augmented, Tensor centres)
    {
        var centresSide = cat([centres, ones(centres.shape[0], 1), centres.pow(2).sum(-1, keepdim: true)], -1);
        return augmented.matmul(centresSide.transpose(-2, -1)).clamp_min_(0).sqrt_();
    }

    // Nearest pairs first, each image to the nearest cluster that still has room.
    private static long[] BalancedAssignment(Tensor distances, int clusters)
    {
        var count = (int)distances.shape[0];
        var capacity = (count + clusters - 1) / clusters;
        var flat = distances.contiguous().data<float>().ToArray();
        var order = new int[flat.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        Array.Sort(flat, order);
        var assignment = new long[count];
        Array.Fill(assignment, -1L);
        var sizes = new int[clusters];
        var assigned = 0;
        foreach (var pair in order)
        {
            var (image, cluster) = (pair / clusters, pair % clusters);
            if (assignment[image] >= 0 || sizes[cluster] == capacity)
                continue;
            assignment[image] = cluster;
            sizes[cluster]++;
            if (++assigned == count)
                break;
        }
        return assignment;
    }
}
