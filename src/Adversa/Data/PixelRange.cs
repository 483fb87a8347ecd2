namespace Adversa.Data;

/// <summary>The value range a <see cref="LabeledImages"/> tensor holds.</summary>
public enum PixelRange
{
    /// <summary>Raw byte values 0..255, as read from files.</summary>
    Bytes,
    /// <summary>Scaled to [-1, 1], the range a tanh generator produces.</summary>
    Symmetric,
}
