using System.Text.Json.Serialization;
using static TorchSharp.torch;

namespace Adversa.Losses;

/// <summary>What the generator minimises.</summary>
public enum GeneratorObjective
{
    /// <summary>The adversarial loss's generator term alone.</summary>
    Adversarial,
    /// <summary>Feature matching alone (Salimans et al. 2016, section 3.1).</summary>
    FeatureMatching,
    /// <summary>The adversarial term plus weighted feature matching (seed 004: "an extra term").</summary>
    [JsonStringEnumMemberName("adversarial+feature_matching")]
    AdversarialAndFeatureMatching,
}

/// <summary>
/// Feature matching: the generator matches the mean of the critic's last hidden features on real data,
/// ||E f(x) - E f(G(z))||^2, here divided by the number of features so that its scale does not grow with
/// the critic's width. The real features are a target, not a path for gradients.
/// </summary>
public static class FeatureMatching
{
    /// <summary>Mean over features of the squared difference of the batch means of <paramref name="realFeatures"/> and <paramref name="fakeFeatures"/> (N x ...).</summary>
    public static Tensor Loss(Tensor realFeatures, Tensor fakeFeatures)
    {
        using var scope = NewDisposeScope();
        var realMean = realFeatures.detach().flatten(1).mean([0]);
        var fakeMean = fakeFeatures.flatten(1).mean([0]);
        return (realMean - fakeMean).square().mean().MoveToOuterDisposeScope();
    }
}
