using Adversa.Data;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>What a checkpoint captures of a run at an epoch boundary.</summary>
/// <param name="Config">The run's configuration.</param>
/// <param name="Iteration">Generator steps done.</param>
/// <param name="CompletedEpochs">Epochs done.</param>
/// <param name="Components">Networks (and the generator's weight average when kept) and optimisers.</param>
/// <param name="SamplerState">The batch sampler's random state.</param>
/// <param name="FixedLatent">The latent batch of the per-epoch grids.</param>
/// <param name="Data">What the run trains on.</param>
public sealed record TrainingState(
    TrainingConfig Config,
    long Iteration,
    int CompletedEpochs,
    GanComponents Components,
    Tensor SamplerState,
    Tensor FixedLatent,
    DataFingerprint Data);
