namespace Adversa.Training;

/// <summary>A loss became NaN or infinite: every later step would be meaningless, so training stops and the last checkpoint is kept.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
