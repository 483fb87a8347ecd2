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
                throw new InvalidInputException($"{key}: must be positive, got {value}");
        foreach (var (value, key) in new[] { (c.Epochs, "epochs"), (c.ConvergenceEpochs, "convergence_epochs"), (c.MaxImages, "max_images"), (c.SampleCount, "sample_count"), (c.Threads, "threads") })
            if (value < 0)
                throw new InvalidInputException($"{key}: must be zero or positive, got {value}");
        foreach (var (value, key) in new[] { (c.LearningRate, "learning_rate"), (c.LearningRateFinal, "learning_rate_final"), (c.Sigma, "sigma"), (c.SigmaFinal, "sigma_final"), (c.Tau, "tau"), (c.InitStd, "init_std") })
            if (!(value > 0))
                throw new InvalidInputException($"{key}: must be positive, got {value}");
        if (c.ImageChannels is not (1 or 3))
            throw new InvalidInputException($"image_channels: must be 1 or 3, got {c.ImageChannels}");
        SomNames.ParseTopology(c.Topology);
        SomNames.ParseDistance(c.Distance);
        SomNames.ParseBatchAlgorithm(c.Algorithm);
        SomNames.ParseInitialization(c.Initialization);
        Neighborhood.Parse(c.Neighborhood);
        DecaySchedule.Parse(c.Decay, c.LearningRate, c.LearningRateFinal, c.Tau);
        ComputeDevice.Resolve(c.Device);
    }
}
