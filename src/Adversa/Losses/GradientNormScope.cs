namespace Adversa.Losses;

/// <summary>What the gradient penalty takes one norm of.</summary>
public enum GradientNormScope
{
    /// <summary>Each sample's whole gradient (Gulrajani et al. 2017, seed 004).</summary>
    Sample,

    /// <summary>
    /// Each channel of each sample over the spatial axes, the penalty averaging over both: seed 003's code,
    /// <c>reduce_sum(gradients ** 2, axis=[1, 2])</c> on NHWC images.
    /// </summary>
    Channel,
}
