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
