using Adversa.Runtime;

namespace Adversa.Som;

/// <summary>How units are laid out on the map.</summary>
public enum SomTopology
{
    /// <summary>A square lattice: 4 neighbours at distance 1, 4 diagonal ones at sqrt(2).</summary>
    Rectangular,
    /// <summary>A hexagonal lattice in offset rows (odd rows shifted by half a unit, rows sqrt(3)/2 apart): 6 neighbours at distance 1.</summary>
    Hexagonal,
}

/// <summary>
/// The map's lattice: unit positions in the plane and their pairwise squared distances, precomputed once
/// (seed 000's precomputed_distances), optionally on a torus (edges wrap around).
/// Unit u sits at row u / columns, column u % columns.
/// </summary>
public sealed class SomGrid
{
    /// <summary>Builds the lattice; a toroidal hexagonal lattice needs an even number of rows so that the offset rows tile.</summary>
    public SomGrid(int rows, int columns, SomTopology topology = SomTopology.Rectangular, bool toroidal = false)
    {
        if (rows < 1 || columns < 1)
            throw new InvalidInputException($"rows and columns: must be positive, got {rows}x{columns}");
        if (toroidal && topology == SomTopology.Hexagonal && rows % 2 != 0)
            throw new InvalidInputException($"rows: a toroidal hexagonal map needs an even number of rows, got {rows}");
        Rows = rows;
        Columns = columns;
        Topology = topology;
        Toroidal = toroidal;
        Positions = [.. Enumerable.Range(0, Units).Select(Position)];
        SquaredDistances = new double[Units, Units];
        for (var a = 0; a < Units; a++)
            for (var b = 0; b < Units; b++)
                SquaredDistances[a, b] = SquaredDistance(Positions[a], Positions[b]);
    }

    /// <summary>Rows of units.</summary>
    public int Rows { get; }
    /// <summary>Columns of units.</summary>
    public int Columns { get; }
    /// <summary>Square or hexagonal lattice.</summary>
    public SomTopology Topology { get; }
    /// <summary>Whether the edges wrap around.</summary>
    public bool Toroidal { get; }
    /// <summary>Number of units.</summary>
    public int Units => Rows * Columns;
    /// <summary>(x, y) of each unit in the plane.</summary>
    public IReadOnlyList<(double X, double Y)> Positions { get; }
    /// <summary>Squared lattice distance between every pair of units (units x units).</summary>
    public double[,] SquaredDistances { get; }

    /// <summary>Vertical distance between rows: 1, or sqrt(3)/2 on a hexagonal lattice.</summary>
    public double RowSpacing => Topology == SomTopology.Hexagonal ? Math.Sqrt(3) / 2 : 1;

    /// <summary>
    /// Lattice distance below which two units are neighbours, for the topographic error: diagonal units
    /// count on a square lattice (as in MiniSom), the six nearest on a hexagonal one.
    /// </summary>
    public double NeighbourDistance => Topology == SomTopology.Hexagonal ? 1.0 + 1e-9 : Math.Sqrt(2) + 1e-9;

    /// <summary>Row and column of unit <paramref name="unit"/>.</summary>
    public (int Row, int Column) Coordinates(int unit) => (unit / Columns, unit % Columns);


    private (double X, double Y) Position(int unit)
    {
        var (row, column) = (unit / Columns, unit % Columns);
        var shift = Topology == SomTopology.Hexagonal && row % 2 == 1 ? 0.5 : 0;
        return (column + shift, row * RowSpacing);
    }

    private double SquaredDistance((double X, double Y) a, (double X, double Y) b)
    {
        var dx = Math.Abs(a.X - b.X);
        var dy = Math.Abs(a.Y - b.Y);
        if (Toroidal)
        {
            dx = Math.Min(dx, Columns - dx);
            dy = Math.Min(dy, Rows * RowSpacing - dy);
        }
        return dx * dx + dy * dy;
    }
}
