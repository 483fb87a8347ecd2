using System.Text.Json.Serialization;

namespace Adversa.Models;

/// <summary>How a GAN is told the class to draw: not at all; the data's labels (the generator through class embeddings and conditional batch norm, the critic one of two ways); or a latent code of its own that the critic must recover.</summary>
public enum Conditioning
{
    /// <summary>Unconditional: the generator draws from the whole data set.</summary>
    None,
    /// <summary>The critic judges image and class together through a projection (Miyato and Koyama 2018).</summary>
    Projection,
    /// <summary>The critic judges images alone and names their class with an auxiliary classifier (AC-GAN, Odena et al. 2017).</summary>
    [JsonStringEnumMemberName("acgan")]
    AuxiliaryClassifier,
    /// <summary>
    /// Unconditional, without labels (InfoGAN, Chen et al. 2016): the generator takes a random categorical code with z,
    /// and the critic's auxiliary classifier must recover the code from the generated image, so the generator learns to
    /// give each code a distinct kind of image (on MNIST, mostly the digits).
    /// </summary>
    [JsonStringEnumMemberName("infogan")]
    LatentCode,
    /// <summary>
    /// Unconditional, without labels (a self-conditioned GAN, Liu et al. 2020): the training images are grouped into
    /// <c>classes</c> clusters of equal size by k-means on their pixels (ImageClusters), and the generator and a
    /// projection critic are conditioned on the cluster as on a class; samples draw the clusters uniformly, which is the
    /// images' own distribution since the clusters are equal. On MNIST the clusters are mostly digits, and conditioning
    /// on them spares the generator from covering every mode with one input.
    /// </summary>
    [JsonStringEnumMemberName("clusters")]
    Clusters,
    /// <summary>
    /// Both at once: the critic judges image and class together through a projection, and an auxiliary classifier
    /// beside it names the data's class (of real and generated images), as Han et al. (2021, P2GAN) combine data
    /// matching and class matching. The classifier's loss pushes generated images towards what makes their class
    /// recognisable, which the projection alone leaves to chance where classes look alike (shirts and T-shirts).
    /// With <c>clusters_per_class</c>, the projection takes the clusters and the classifier the classes.
    /// </summary>
    [JsonStringEnumMemberName("projection_acgan")]
    ProjectionAndClassifier,
}
