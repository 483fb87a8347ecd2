using Adversa.Bench;
using Adversa.Tests.Cli;
using static TorchSharp.torch;

namespace Adversa.Tests.Bench;

public sealed class BenchmarkTests
{
    [Fact]
    public void Convolution_work_is_counted_from_layer_shapes()
    {
        // Conv 2->3, 3x3, padding 1, on 1 x 2 x 4 x 4: 2 * (3*2*3*3 weights) * 16 output pixels = 1728.
        using var conv = nn.Sequential(nn.Conv2d(2, 3, 3, stride: 1, padding: 1L));
        Assert.Equal(1728, FlopCounter.ForwardFlops(conv, zeros(1, 2, 4, 4)));
        // Transposed conv 2->3, 4x4, stride 2, on 2 x 2 x 5 x 5: 2 * (2*3*4*4 weights) * 25 input pixels * 2 images = 9600.
        using var deconv = nn.Sequential(nn.ConvTranspose2d(2, 3, 4, stride: 2, padding: 1L));
        Assert.Equal(9600, FlopCounter.ForwardFlops(deconv, zeros(2, 2, 5, 5)));
    }

    [Fact]
    public void The_bench_command_reports_every_figure_as_json()
    {
        var (code, output, error) = CliRunner.Run("bench", "--scale", "smoke", "--json");
        Assert.True(code == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        var root = report.RootElement.GetProperty("gan");
        foreach (var name in new[] { "matmul", "bare_iteration", "trainer_iteration" })
            Assert.True(root.GetProperty(name).GetProperty("gflop_per_second").GetDouble() > 0);
        Assert.Equal(root.GetProperty("bare_iteration").GetProperty("gflop").GetDouble(), root.GetProperty("trainer_iteration").GetProperty("gflop").GetDouble());
        Assert.True(double.IsFinite(root.GetProperty("trainer_overhead").GetDouble()));
        var som = report.RootElement.GetProperty("som");
        Assert.True(som.GetProperty("online_updates_per_second").GetDouble() > 0);
        Assert.True(som.GetProperty("batch_epoch").GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(16, som.GetProperty("batch_units").GetInt32());
    }
}
