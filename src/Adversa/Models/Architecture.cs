using System.Text.Json.Serialization;

namespace Adversa.Models;

/// <summary>The built-in generator and critic architectures, by the image size they make or read.</summary>
public enum Architecture
{
    /// <summary>Seed 003's residual networks (64x64): <see cref="ResidualGenerator"/>, <see cref="ResidualCritic"/>.</summary>
    Residual,
    /// <summary>Seed 000's DCGAN pair (64x64): <see cref="DcganGenerator"/>, <see cref="DcganDiscriminator"/>.</summary>
    [JsonStringEnumMemberName("dcgan64")]
    Dcgan64,
    /// <summary>Seed 004's DCGAN pair (28x28): <see cref="SmallDcganGenerator"/>, <see cref="SmallDcganCritic"/>.</summary>
    [JsonStringEnumMemberName("dcgan28")]
    Dcgan28,
    /// <summary>Seed 002's fully connected pair (28x28): <see cref="FullyConnectedGenerator"/>, <see cref="FullyConnectedDiscriminator"/>.</summary>
    [JsonStringEnumMemberName("mlp28")]
    Mlp28,
    /// <summary>SNGAN's residual networks (Miyato et al. 2018) for 28x28: <see cref="SnganGenerator"/>, <see cref="SnganCritic"/>.</summary>
    [JsonStringEnumMemberName("sngan28")]
    Sngan28,
    /// <summary>SNGAN's residual networks for 64x64: <see cref="SnganGenerator"/>, <see cref="SnganCritic"/>.</summary>
    [JsonStringEnumMemberName("sngan64")]
    Sngan64,
}

/// <summary>What every <see cref="Architecture"/> shares.</summary>
public static class Architectures
{
    /// <summary>The side of the square images <paramref name="architecture"/>'s generator makes and its critic reads.</summary>
    public static int ImageSize(Architecture architecture) => architecture switch
    {
        Architecture.Residual or Architecture.Dcgan64 or Architecture.Sngan64 => 64,
        Architecture.Dcgan28 or Architecture.Mlp28 or Architecture.Sngan28 => 28,
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };
}
