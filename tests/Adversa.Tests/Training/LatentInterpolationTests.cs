using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class LatentInterpolationTests
{
    [Fact]
    public void A_linear_path_runs_from_one_end_to_the_other_in_equal_steps()
    {
        using var from = tensor(new float[,] { { 0, 0 }, { 1, 1 } });
        using var to = tensor(new float[,] { { 4, 8 }, { 1, 1 } });
        using var path = LatentInterpolation.Path(from, to, 3, LatentPathKind.Linear);
        Assert.Equal(new long[] { 6, 2 }, path.shape);
        Assert.Equal(new[] { 0f, 0f, 2f, 4f, 4f, 8f, 1f, 1f, 1f, 1f, 1f, 1f }, path.data<float>().ToArray());
    }

    [Fact]
    public void Slerp_between_orthogonal_unit_vectors_stays_on_the_unit_circle()
    {
        using var from = tensor(new float[,] { { 1, 0 } });
        using var to = tensor(new float[,] { { 0, 1 } });
        using var path = LatentInterpolation.Path(from, to, 3, LatentPathKind.Spherical);
        var points = path.data<float>().ToArray();
        var half = MathF.Sqrt(0.5f);
        Assert.Equal([1f, 0f, half, half, 0f, 1f], points.Select(p => MathF.Round(p, 5)), new ToleranceComparer(1e-5f));
    }

    [Fact]
    public void Slerp_of_parallel_ends_is_the_straight_line()
    {
        using var from = tensor(new float[,] { { 1, 2 } });
        using var to = tensor(new float[,] { { 3, 6 } });
        using var spherical = LatentInterpolation.Path(from, to, 5, LatentPathKind.Spherical);
        using var linear = LatentInterpolation.Path(from, to, 5, LatentPathKind.Linear);
        Assert.True(spherical.isfinite().all().item<bool>());
        Assert.True(spherical.allclose(linear, rtol: 1e-4, atol: 1e-4));
    }

    [Fact]
    public void Modes_parse_and_bad_values_name_the_setting()
    {
        Assert.Equal(LatentPathKind.Spherical, ConfigEnum.Parse<LatentPathKind>("slerp", "mode"));
        Assert.Equal(LatentPathKind.Linear, ConfigEnum.Parse<LatentPathKind>("linear", "mode"));
        Assert.Equal("mode cubic: unknown value (expected one of: linear, slerp)", Assert.Throws<InvalidInputException>(() => ConfigEnum.Parse<LatentPathKind>("cubic", "mode")).Message);
        using var end = zeros(1, 2);
        Assert.Equal("steps 1: a path needs at least 2 points", Assert.Throws<InvalidInputException>(() => LatentInterpolation.Path(end, end, 1, LatentPathKind.Linear)).Message);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => MathF.Abs(x - y) <= tolerance;
        public int GetHashCode(float value) => 0;
    }
}
