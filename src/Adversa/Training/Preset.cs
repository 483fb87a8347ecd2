namespace Adversa.Training;

/// <summary>A named starting configuration: one experiment of the seeds, or a CPU-sized sibling of one.</summary>
/// <param name="Name">What <c>adversa train</c> takes.</param>
/// <param name="Model">The GAN variant in a few words.</param>
/// <param name="Description">One line: what it reproduces and how long it takes here.</param>
/// <param name="Config">The configuration.</param>
public sealed record Preset(string Name, string Model, string Description, TrainingConfig Config);
