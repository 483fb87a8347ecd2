using Adversa.Runtime;
using Adversa.Som;

namespace Adversa.Tests.Som;

public sealed class SomBuildingBlockTests
{
    [Theory]
    [InlineData(NeighborhoodKind.Gaussian, 2.0, 1.0, 0.36787944117)]   // exp(-2 / 2)
    [InlineData(NeighborhoodKind.Gaussian, 0.0, 3.0, 1.0)]
    [InlineData(NeighborhoodKind.Bubble, 4.0, 2.0, 1.0)]               // d = 2 <= sigma
    [InlineData(NeighborhoodKind.Bubble, 4.01, 2.0, 0.0)]
    [InlineData(NeighborhoodKind.MexicanHat, 4.0, 2.0, 0.0)]           // (1 - 1) e^-0.5
    [InlineData(NeighborhoodKind.MexicanHat, 8.0, 2.0, -0.36787944117)] // (1 - 2) e^-1
    [InlineData(NeighborhoodKind.Triangle, 1.0, 2.0, 0.5)]             // 1 - 1/2
    [InlineData(NeighborhoodKind.Triangle, 9.0, 2.0, 0.0)]
    public void Neighbourhoods_match_their_formulas(NeighborhoodKind kind, double squaredDistance, double sigma, double expected) =>
        Assert.Equal(expected, Neighborhood.Value(kind, squaredDistance, sigma), 9);

    [Fact]
    public void Decay_schedules_match_their_formulas()
    {
        Assert.Equal(3 / Math.E, DecaySchedule.Exponential(3, tau: 100).At(100, 500), 12);
        Assert.Equal(5.5, DecaySchedule.Linear(10, 1).At(10, 20), 12);
        Assert.Equal(1, DecaySchedule.Linear(10, 1).At(25, 20), 12);
        Assert.Equal(2, DecaySchedule.Inverse(4).At(10, 20), 12);       // 4 / (1 + 10 / 10)
        Assert.Equal(0.2, DecaySchedule.Constant(0.2).At(7, 9), 12);
        Assert.Equal(42, DecaySchedule.Custom("t times T", (t, total) => t * total).At(6, 7), 12);
        Assert.Equal("decay cosine: unknown value (expected one of: exponential, linear, inverse)", Assert.Throws<InvalidInputException>(() => ConfigOverrides.Apply(new SomConfig(), "decay", "cosine")).Message);
    }

    [Fact]
    public void Tau_zero_is_seed_000s_rule_a_quarter_of_the_adjustment_epochs()
    {
        var config = ConfigOverrides.Apply(new SomConfig { Epochs = 500 }, "tau", "0");
        SomValidation.Validate(config);
        Assert.Equal(125, config.EffectiveTau);
        Assert.Equal(100, new SomConfig { Tau = 100, Epochs = 500 }.EffectiveTau);
        // The learning rate after 125 of 500 epochs: eta0 / e.
        using var map = new SelfOrganizingMap(config with { Rows = 2, Columns = 2 }, inputDim: 3);
        Assert.Equal(1 / Math.E, map.LearningRateSchedule.At(125, 500), 12);
        Assert.Equal("tau -1: must be positive, or 0 for a quarter of the adjustment epochs (seed 000's rule)",
            Assert.Throws<InvalidInputException>(() => SomValidation.Validate(new SomConfig { Tau = -1 })).Message);
    }

    [Fact]
    public void A_square_lattice_has_unit_and_diagonal_neighbours()
    {
        var grid = new SomGrid(3, 3);
        Assert.Equal(1, grid.SquaredDistances[4, 1]);
        Assert.Equal(2, grid.SquaredDistances[4, 0]);
        Assert.Equal(8, grid.SquaredDistances[0, 8]);
        Assert.Equal((2, 1), grid.Coordinates(7));
    }

    [Fact]
    public void A_hexagonal_lattice_gives_each_inner_unit_six_neighbours_at_distance_one()
    {
        var grid = new SomGrid(4, 5, SomTopology.Hexagonal);
        var inner = 1 * 5 + 2; // row 1 (shifted by half), column 2
        var atOne = Enumerable.Range(0, grid.Units).Where(u => u != inner && Math.Abs(grid.SquaredDistances[inner, u] - 1) < 1e-9).ToArray();
        Assert.Equal([2, 3, 6, 8, 12, 13], atOne);
        Assert.Equal(Math.Sqrt(3) / 2, grid.Positions[5].Y, 12);
    }

    [Fact]
    public void A_toroidal_lattice_wraps_its_edges()
    {
        var square = new SomGrid(3, 5, toroidal: true);
        Assert.Equal(1, square.SquaredDistances[0, 4]);   // columns 0 and 4 of 5
        Assert.Equal(1, square.SquaredDistances[0, 10]);  // rows 0 and 2 of 3
        var hexagonal = new SomGrid(4, 4, SomTopology.Hexagonal, toroidal: true);
        // (row 0, col 0) at (0, 0) and (row 3, col 0) at (0.5, 3 sqrt(3)/2): wrapped dy = sqrt(3)/2, dx = 0.5.
        Assert.Equal(1, hexagonal.SquaredDistances[0, 12], 9);
        Assert.Contains("even number of rows", Assert.Throws<InvalidInputException>(() => new SomGrid(3, 4, SomTopology.Hexagonal, toroidal: true)).Message);
    }
}
