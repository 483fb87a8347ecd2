using Adversa.Bench;
using Adversa.Bench.Faults;
using Adversa.Tests.Cli;
using Adversa.Training;
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
    public void A_steps_work_is_counted_from_onednns_log_of_each_primitive()
    {
        // Lines as oneDNN 3.7 logs them. Convolution 32 -> 64, 5x5, stride 2, 28x28 -> 14x14, batch 128:
        // 2 * 128 * 32 * 64 * 14 * 14 * 25 = 2,569,011,200 (its input gradient costs the same).
        const string convolution = "onednn_verbose,v1,primitive,exec,cpu,convolution,brgconv_strided:avx512_core,backward_data,src:f32::blocked:acdb::f0 wei:f32::blocked:AcdB16b16a::f0 dst:f32::blocked:acdb::f0,attr-scratchpad:user,alg:convolution_direct,mb128_ic32oc64_ih28oh14kh5sh2dh0ph2_iw28ow14kw5sw2dw0pw2,1.23";
        Assert.Equal(2.0 * 128 * 32 * 64 * 14 * 14 * 25, StepWorkCounter.FlopsOf(convolution));
        // Transposed 64 -> 32, 7x7 -> 14x14, batch 64: every input pixel scatters to 5x5 outputs: 2 * 64 * 64 * 32 * 7 * 7 * 25.
        const string deconvolution = "onednn_verbose,v1,primitive,exec,cpu,deconvolution,brg_deconv:avx512_core+brgconv_strided:avx512_core,forward_training,src:f32::blocked:acdb::f0 wei:f32::blocked:abcd::f0 dst:f32::blocked:acdb::f0,attr-scratchpad:user,alg:deconvolution_direct,mb64_ic64oc32_ih7oh14kh5sh2dh0ph2_iw7ow14kw5sw2dw0pw2,0.5";
        Assert.Equal(2.0 * 64 * 64 * 32 * 7 * 7 * 25, StepWorkCounter.FlopsOf(deconvolution));
        // Grouped and square (no width part): 2 groups of 2 -> 4 channels, 3x3, 5x5 output: 2 * 2 * (4 / 2) * 4 * 25 * 9.
        Assert.Equal(2.0 * 2 * 2 * 4 * 25 * 9, StepWorkCounter.FlopsOf("onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx2,forward_training,src,attr,alg:convolution_direct,mb2_g2ic4oc4_ih5oh5kh3sh1dh0ph1,0.1"));
        Assert.Equal(2.0 * 64 * 100 * 6272, StepWorkCounter.FlopsOf("onednn_verbose,v1,primitive,exec,cpu,inner_product,brgemm:avx512_core,forward_training,src,attr,,mb64ic100oc6272,0.2"));
        Assert.Equal(2.0 * 64 * 100 * 6272, StepWorkCounter.FlopsOf("onednn_verbose,v1,primitive,exec,cpu,matmul,brg:avx512_core_bf16,undef,src,attr,,64x100:100x6272,0.3"));
        // Copies and what is not an execution do not count.
        Assert.Null(StepWorkCounter.FlopsOf("onednn_verbose,v1,primitive,exec,cpu,reorder,simple:any,undef,src,attr,,128x64x14x14,0.01"));
        Assert.Null(StepWorkCounter.FlopsOf("onednn_verbose,v1,primitive,create:cache_miss,cpu,convolution,jit:avx2,forward_training,src,attr,alg:convolution_direct,mb2_ic4oc4_ih5oh5kh3sh1dh0ph1,0.1"));
    }

    [Fact]
    public void The_quality_benchmark_trains_a_preset_and_reports_what_evaluate_measures_of_it()
    {
        using var temp = new TempDirectory();
        var (code, output, error) = CliRunner.Run("bench", "--part", "quality", "--short", "--presets", "wgan-gp-shapes", "--keep", temp.Path, "--json");
        Assert.True(code == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Contains(", ", report.RootElement.GetProperty("processor").GetString());
        var demo = report.RootElement.GetProperty("presets").GetProperty("wgan-gp-shapes");
        Assert.Equal(10, demo.GetProperty("iterations").GetInt64()); // the short form: 2 epochs of 5 steps
        Assert.Equal(demo.GetProperty("iterations").GetDouble() / demo.GetProperty("training_seconds").GetDouble(), demo.GetProperty("its").GetDouble(), 9);

        // The same figures as adversa evaluate gives of the kept run, with the same images and seed.
        var run = Path.Combine(temp.Path, "wgan-gp-shapes");
        Assert.Equal(run, demo.GetProperty("run_directory").GetString());
        var (evaluateCode, evaluated, evaluateError) = CliRunner.Run("evaluate", run, "--samples", "500", "--metrics", "fid,kid,pr", "--json");
        Assert.True(evaluateCode == 0, evaluateError);
        using var measured = System.Text.Json.JsonDocument.Parse(evaluated);
        Assert.Equal(measured.RootElement.GetProperty("fid").GetDouble(), demo.GetProperty("fid").GetDouble(), 6);
        Assert.Equal(measured.RootElement.GetProperty("recall").GetDouble(), demo.GetProperty("recall").GetDouble(), 9);
        // The floor: real training images against the test split, far below an untrained generator.
        Assert.InRange(demo.GetProperty("fid_floor").GetDouble(), 0, demo.GetProperty("fid").GetDouble() / 10);

        var (again, _, refused) = CliRunner.Run("bench", "--part", "quality", "--short", "--presets", "wgan-gp-shapes", "--keep", temp.Path);
        Assert.Equal(2, again);
        Assert.Contains("exists already", refused);
        var (unknown, _, named) = CliRunner.Run("bench", "--part", "quality", "--short", "--presets", "no-such-preset");
        Assert.Equal(2, unknown);
        Assert.Contains("no-such-preset: not found", named);
    }

    [Fact]
    public void The_presets_part_times_only_the_presets_named()
    {
        var (code, output, error) = CliRunner.Run("bench", "--part", "presets", "--scale", "smoke", "--presets", "dcgan-mnist-quick", "--json");
        Assert.True(code == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(["dcgan-mnist-quick"], report.RootElement.GetProperty("presets").EnumerateObject().Select(p => p.Name));
        Assert.False(report.RootElement.TryGetProperty("gan", out _));
        var (unknown, _, named) = CliRunner.Run("bench", "--part", "presets", "--presets", "dcgan-mnist-quick,nope");
        Assert.Equal(2, unknown);
        Assert.Contains("preset nope: not found", named);
    }

    [Fact]
    public void The_bench_command_reports_every_figure_as_json()
    {
        var (code, output, error) = CliRunner.Run("bench", "--scale", "smoke", "--json");
        Assert.True(code == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        Assert.Contains(", ", report.RootElement.GetProperty("processor").GetString());
        Assert.False(string.IsNullOrEmpty(report.RootElement.GetProperty("isa").GetString()));
        Assert.True(report.RootElement.GetProperty("gemm_fp32_gflops").GetDouble() > 0);
        Assert.True(report.RootElement.GetProperty("gemm_bf16_gflops").GetDouble() > 0);
        var presets = report.RootElement.GetProperty("presets");
        Assert.Equal(PresetBenchmark.Presets.Order(), presets.EnumerateObject().Select(p => p.Name).Order());
        foreach (var preset in presets.EnumerateObject())
        {
            foreach (var key in new[] { "fp32_its", "bf16_its", "bare_its" })
                Assert.True(preset.Value.GetProperty(key).GetDouble() > 0, $"{preset.Name} {key}");
            Assert.True(double.IsFinite(preset.Value.GetProperty("overhead_with_epoch_ends").GetDouble()));
            // The step's work, counted from oneDNN's log: positive, and below the ceiling at the measured rate.
            Assert.True(preset.Value.GetProperty("gflop_per_step").GetDouble() > 0, preset.Name);
            Assert.InRange(preset.Value.GetProperty("fp32_fraction_of_ceiling").GetDouble(), 1e-6, 1.5);
            // Every output of a run directory was timed at the epoch's end.
            Assert.Contains("CheckpointWriter", preset.Value.GetProperty("epoch_end_seconds").EnumerateObject().Select(p => p.Name));
        }
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

    [Fact]
    public void The_fault_reproducer_finds_every_presets_convolutions_conditional_ones_included()
    {
        // The full reproducer's census, without running a check: a conditional preset learns its classes from its data,
        // so its configuration alone (classes 0) once made this throw and `--part faults` fail.
        var shapes = FaultScale.Full.Shapes().Select(s => s.ToString()).ToList();
        // The demonstration's critic: its first layer on 64x64 images, its one-channel scoring layer on 4x4 features.
        Assert.Contains("conv mb4_ic3oc16_ih64kh4sh2ph1", shapes);
        Assert.Contains("conv mb4_ic128oc1_ih4kh4sh1ph0", shapes);
        Assert.Contains("conv mb4_ic128oc1_ih7kh7sh1ph0", shapes); // the 28x28 critics' scoring layer
        // Classes enter through batch norm, embeddings and linear heads: the conditional preset convolves as its
        // unconditional sibling does, its critic conditioned on the classes its images were drawn as.
        Assert.Equal(ConvolutionShape.Of(PresetCatalog.Get("dcgan-mnist-quick").Config, 4), ConvolutionShape.Of(PresetCatalog.Get("cgan-mnist-quick").Config, 4));
    }

    [Fact]
    public void The_fault_reproducer_finds_the_guarded_convolutions_right_at_every_isa_level()
    {
        // Each ISA level runs in a child process (oneDNN reads its cap once); the plain results are this processor's
        // business, the guarded ones (what Adversa's networks compute) must be right and repeatable everywhere.
        var (code, output, error) = CliRunner.Run("bench", "--part", "faults", "--scale", "smoke", "--json");
        Assert.True(code == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(output);
        var isas = report.RootElement.GetProperty("isas").EnumerateArray().ToList();
        Assert.Equal(["ALL", "AVX512_CORE", "AVX2", "SSE41"], isas.Select(i => i.GetProperty("Isa").GetString()));
        // The cap set for a child reached its native oneDNN, which reports the ISA it uses.
        Assert.Equal("Intel SSE4.1", isas[3].GetProperty("DetectedIsa").GetString());
        foreach (var isa in isas)
        {
            var results = isa.GetProperty("Results").EnumerateArray().ToList();
            Assert.True(results.Count > 0);
            var guarded = results.Where(r => r.GetProperty("Mode").GetInt32() != 0).ToList();
            Assert.All(guarded, r =>
            {
                var outcome = r.GetProperty("Outcome");
                Assert.True(outcome.GetProperty("NonFinite").GetInt32() + outcome.GetProperty("Wrong").GetInt32() + outcome.GetProperty("Unrepeatable").GetInt32() == 0,
                    $"{isa.GetProperty("Isa")} {r.GetProperty("Shape")} {r.GetProperty("Pass")} {r.GetProperty("Mode")}: {outcome}");
            });
        }
    }
}
