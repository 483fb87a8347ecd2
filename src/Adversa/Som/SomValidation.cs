using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>Checks a <see cref="SomConfig"/> before anything is built or written, naming the key at fault.</summary>
public static class SomValidation
{
    /// <summary>Throws <see cref="InvalidInputException"/> on the first invalid value.</summary>
    public static void Validate(SomConfig c)
    {
        foreach (var (value, key) in new[] { (c.Rows, "rows"), (c.Columns, "columns"), (c.TileSize, "tile_size"), (c.ImageSize, "image_size") })
            if (value <= 0)
                throw new InvalidInputException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        foreach (var (value, key) in new[] { (c.Epochs, "epochs"), (c.ConvergenceEpochs, "convergence_epochs"), (c.MaxImages, "max_images"), (c.SampleCount, "sample_count"), (c.Threads, "threads") })
            if (value < 0)
                throw new InvalidInputException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be zero or positive");
        foreach (var (value, key) in new[] { (c.LearningRate, "learning_rate"), (c.LearningRateFinal, "learning_rate_final"), (c.Sigma, "sigma"), (c.SigmaFinal, "sigma_final"), (c.InitStd, "init_std") })
            if (!(value > 0))
                throw new InvalidInputException(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
        if (!(c.Tau >= 0) || double.IsInfinity(c.Tau))
            throw new InvalidInputException("tau", c.Tau.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive, or 0 for a quarter of the adjustment epochs (seed 000's rule)");
        if (c.Tau == 0 && c.Epochs == 0 && c.Decay == DecayKind.Exponential)
            throw new InvalidInputException("tau", "0", "means a quarter of the adjustment epochs, and there are none");
        if (c.ImageChannels is not (1 or 3))
            throw new InvalidInputException("image_channels", c.ImageChannels.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be 1 or 3");
        foreach (var (defined, key) in new[] { (Enum.IsDefined(c.Topology), "topology"), (Enum.IsDefined(c.Distance), "distance"), (Enum.IsDefined(c.Neighborhood), "neighborhood"),
            (Enum.IsDefined(c.Initialization), "initialization"), (Enum.IsDefined(c.Algorithm), "algorithm"), (Enum.IsDefined(c.Decay), "decay") })
            if (!defined)
                throw new InvalidInputException(key, null, "unknown value");
        ComputeDevice.Resolve(c.Device);
    }
}
