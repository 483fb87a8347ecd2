using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>A critic that judges an image together with its class: the classes of the images it scores next are set with <see cref="Condition"/>.</summary>
public interface IClassConditionalCritic
{
    /// <summary>Number of classes.</summary>
    int Classes { get; }

    /// <summary>Scores the next images as of <paramref name="labels"/> (N class indices, int64) until the returned scope is disposed.</summary>
    IDisposable Condition(Tensor labels);
}

/// <summary>Finds the part of a critic that judges images with their class.</summary>
public static class ClassConditionalCritics
{
    /// <summary><paramref name="critic"/> itself when it judges images with their class, the projection inside it when it is an auxiliary classifier around one, null otherwise.</summary>
    public static IClassConditionalCritic? Of(nn.Module critic) =>
        critic as IClassConditionalCritic ?? (critic as AuxiliaryClassifierCritic)?.Conditional;
}
