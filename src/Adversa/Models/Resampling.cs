namespace Adversa.Models;

/// <summary>What a <see cref="ResidualBlock"/> does to the spatial size.</summary>
public enum Resampling
{
    /// <summary>Keeps the size.</summary>
    None,
    /// <summary>Halves it with stride-2 convolutions.</summary>
    Down,
    /// <summary>Doubles it with a 1x1 stride-2 transposed convolution first.</summary>
    Up,
}
