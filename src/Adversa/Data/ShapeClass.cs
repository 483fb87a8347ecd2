using System.Globalization;

namespace Adversa.Data;

/// <summary>
/// One class of the synthetic shapes (seed 003): channel 0 = <paramref name="BaseColor"/>, channel 1 =
/// base + sign*0.1, channel 2 = base + sign*0.2, plus Gaussian noise of std <paramref name="Noise"/>.
/// </summary>
public sealed record ShapeClass(ShapeKind Shape, double BaseColor, int Sign, double Noise)
{
    /// <summary>The seed's label, e.g. <c>square (0.7, +1) 0.03</c>.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture,
        $"{Shape.ToString().ToLowerInvariant()} ({BaseColor}, {(Sign >= 0 ? "+1" : "-1")}) {Noise}");

    /// <summary>The noiseless value (0..1) of channel <paramref name="channel"/> inside the figure.</summary>
    public double ChannelColor(int channel) => BaseColor + Sign * 0.1 * channel;
}
