using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>What a checkpoint captures of a run at an epoch boundary (<see cref="GeneratorAverage"/> only when the run keeps one).</summary>
public sealed record TrainingState(
    TrainingConfig Config,
    long Iteration,
    int CompletedEpochs,
    nn.Module Generator,
    nn.Module Critic,
    OptimizerHelper GeneratorOptimizer,
    OptimizerHelper CriticOptimizer,
    Tensor SamplerState,
    Tensor FixedLatent,
    nn.Module? GeneratorAverage = null);
