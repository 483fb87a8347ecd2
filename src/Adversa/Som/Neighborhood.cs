namespace Adversa.Som;

/// <summary>The influence of a winner on a unit at lattice distance d, for width sigma.</summary>
public enum NeighborhoodKind
{
    /// <summary>exp(-d^2 / (2 sigma^2)) (seed 000).</summary>
    Gaussian,
    /// <summary>1 within distance sigma, else 0.</summary>
    Bubble,
    /// <summary>The Ricker wavelet (1 - d^2 / sigma^2) exp(-d^2 / (2 sigma^2)): negative beyond sigma, pushing units away.</summary>
    MexicanHat,
    /// <summary>max(0, 1 - d / sigma): linear fall-off to 0 at distance sigma.</summary>
    Triangle,
}

/// <summary>Neighbourhood functions of the squared lattice distance.</summary>
internal static class Neighborhood
{
    /// <summary>h(d) for squared distance <paramref name="squaredDistance"/> and width <paramref name="sigma"/> &gt; 0.</summary>
    public static double Value(NeighborhoodKind kind, double squaredDistance, double sigma)
    {
        var s2 = sigma * sigma;
        return kind switch
        {
            NeighborhoodKind.Gaussian => Math.Exp(-squaredDistance / (2 * s2)),
            NeighborhoodKind.Bubble => squaredDistance <= s2 ? 1 : 0,
            NeighborhoodKind.MexicanHat => (1 - squaredDistance / s2) * Math.Exp(-squaredDistance / (2 * s2)),
            NeighborhoodKind.Triangle => Math.Max(0, 1 - Math.Sqrt(squaredDistance) / sigma),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    /// <summary>The units x units matrix h(d(a, b)) of a lattice, row a for winner a.</summary>
    public static float[] Matrix(SomGrid grid, NeighborhoodKind kind, double sigma)
    {
        var units = grid.Units;
        var matrix = new float[units * units];
        for (var a = 0; a < units; a++)
            for (var b = 0; b < units; b++)
                matrix[a * units + b] = (float)Value(kind, grid.SquaredDistances[a, b], sigma);
        return matrix;
    }
}
