using System.Runtime.InteropServices;
using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Adversa.Data;

/// <summary>
/// Identifies the images a run trained on: where they came from, how many, and a SHA-256 of their pixel values
/// and labels as given (before resizing and scaling, so that the same files give the same fingerprint on any
/// processor). A checkpoint keeps it; resuming on other images is refused.
/// </summary>
/// <param name="Source">The source's name (a data-set name, a path, or what in-memory images were called).</param>
/// <param name="Count">Images.</param>
/// <param name="Sha256">Hex digest of the float32 pixel values (N x C x H x W, row-major) followed by the int64 labels.</param>
public sealed record DataFingerprint(string Source, long Count, string Sha256)
{
    /// <summary>The fingerprint of <paramref name="images"/>.</summary>
    public static DataFingerprint Of(LabeledImages images)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (NewDisposeScope()) // the conversion chain's intermediates too
            hash.AppendData(MemoryMarshal.AsBytes(images.Images.to_type(ScalarType.Float32).contiguous().cpu().data<float>().ToArray().AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(images.Labels.AsSpan()));
        return new DataFingerprint(images.Source, images.Count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>Whether <paramref name="other"/> holds the same images (the source's name may differ: the same files can be reached by another path).</summary>
    public bool SameImages(DataFingerprint other) => Count == other.Count && Sha256 == other.Sha256;

    /// <inheritdoc />
    public override string ToString() => $"{Source} ({Count} images, SHA-256 {Sha256[..12]}...)";
}
