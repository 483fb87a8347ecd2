using System.Diagnostics;
using System.Text.Json;
using Adversa.Training;

namespace Adversa.Bench.Faults;

/// <summary>How much the fault reproducer checks.</summary>
/// <param name="Presets">The presets whose networks' convolutions are checked; "narrow" adds the demonstration at width 4.</param>
/// <param name="Batch">Images per batch.</param>
/// <param name="Runs">Repetitions of each check.</param>
public sealed record FaultScale(IReadOnlyList<string> Presets, int Batch, int Runs)
{
    /// <summary>Every preset, 5 repetitions: minutes per ISA level.</summary>
    public static FaultScale Full { get; } = new([.. PresetCatalog.All.Select(p => p.Name), Narrow], 4, 5);

    /// <summary>The narrow demonstration only, 3 repetitions: seconds (for the test suite).</summary>
    public static FaultScale Smoke { get; } = new([Narrow], 2, 3);

    /// <summary>The demonstration preset at width 4: convolutions of few channels, as narrow user settings make them.</summary>
    public const string Narrow = "narrow";

    /// <summary>The distinct convolutions of the chosen networks.</summary>
    public IReadOnlyList<ConvolutionShape> Shapes() =>
        [.. Presets.SelectMany(name => ConvolutionShape.Of(Configuration(name), Batch)).Distinct()];

    private static TrainingConfig Configuration(string name) => name == Narrow
        ? PresetCatalog.Get("wgan-gp-shapes").Config with { GeneratorWidth = 4, CriticWidth = 4 }
        : PresetCatalog.Get(name).Config;
}

/// <summary>One check's outcome at one ISA level, and the oneDNN implementations that ran it.</summary>
/// <param name="Shape">The convolution.</param>
/// <param name="Pass">What was computed.</param>
/// <param name="Mode">Plainly, or through <c>Models.Convolutions</c> (as Adversa's networks run it) in fp32 or bf16.</param>
/// <param name="Outcome">What the repetitions gave.</param>
/// <param name="Implementations">oneDNN's convolution implementations seen (ONEDNN_VERBOSE), e.g. "jit:avx2 backward_data".</param>
public sealed record FaultCheckResult(string Shape, ConvolutionPass Pass, ConvolutionMode Mode, CheckOutcome Outcome, IReadOnlyList<string> Implementations);

/// <summary>Every check at one ISA level.</summary>
/// <param name="Isa">The ONEDNN_MAX_CPU_ISA value the child ran under (ALL: oneDNN's own choice).</param>
/// <param name="DetectedIsa">What oneDNN reported using.</param>
/// <param name="Results">One per shape, pass and mode.</param>
public sealed record FaultIsaReport(string Isa, string DetectedIsa, IReadOnlyList<FaultCheckResult> Results);

/// <summary>
/// Finds oneDNN's convolution faults on this processor: every convolution of the built-in networks, forward and each
/// gradient a GAN step takes, many times per ISA level (a child process each, since oneDNN reads its cap once),
/// against float64 results computed without oneDNN, plainly and through Adversa's guard.
/// </summary>
public static class FaultReproducer
{
    private const string Marker = "### check ";

    /// <summary>
    /// Runs the checks under each of <paramref name="isas"/>: <paramref name="startChild"/> makes the process that runs
    /// <see cref="RunHere"/> (given the ISA and the file it writes), to which this adds ONEDNN_MAX_CPU_ISA and ONEDNN_VERBOSE.
    /// </summary>
    public static IReadOnlyList<FaultIsaReport> Run(IReadOnlyList<string> isas, Func<string, string, ProcessStartInfo> startChild, Action<string>? progress = null)
    {
        var reports = new List<FaultIsaReport>();
        foreach (var isa in isas)
        {
            progress?.Invoke($"convolution checks under ONEDNN_MAX_CPU_ISA={isa}");
            var resultsPath = Path.Combine(Path.GetTempPath(), $"adversa-faults-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
            try
            {
                var info = startChild(isa, resultsPath);
                info.RedirectStandardOutput = true;
                info.RedirectStandardError = true;
                info.Environment["ONEDNN_MAX_CPU_ISA"] = isa;
                info.Environment["ONEDNN_VERBOSE"] = "1";
                using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start the fault-check process");
                var error = child.StandardError.ReadToEndAsync();
                var (detected, implementations) = ParseVerbose(child.StandardOutput);
                child.WaitForExit();
                if (child.ExitCode != 0)
                    throw new InvalidOperationException($"the fault check under {isa} failed: {error.Result.Trim()}");
                var outcomes = JsonSerializer.Deserialize<List<FaultCheckResult>>(File.ReadAllText(resultsPath))!;
                reports.Add(new FaultIsaReport(isa, detected, [.. outcomes.Select(r => r with { Implementations = implementations.GetValueOrDefault(Key(r), []) })]));
            }
            finally
            {
                File.Delete(resultsPath);
            }
        }
        return reports;
    }

    /// <summary>Runs every check in this process (under whatever ISA cap it started with) and writes them to <paramref name="resultsPath"/>.</summary>
    public static void RunHere(FaultScale scale, string resultsPath)
    {
        var results = new List<FaultCheckResult>();
        var seed = 0L;
        // Below AVX-512, oneDNN emulates bfloat16 at a hundredth of the speed: nobody trains in it there.
        var modes = Environment.GetEnvironmentVariable("ONEDNN_MAX_CPU_ISA") is "AVX2" or "SSE41"
            ? [ConvolutionMode.Plain, ConvolutionMode.Guarded]
            : Enum.GetValues<ConvolutionMode>();
        foreach (var shape in scale.Shapes())
            foreach (var pass in Enum.GetValues<ConvolutionPass>())
                foreach (var mode in modes)
                {
                    var result = new FaultCheckResult(shape.ToString(), pass, mode, null!, []);
                    // Marks where this check's ONEDNN_VERBOSE lines start, for the parent.
                    Console.Out.WriteLine(Marker + Key(result));
                    Console.Out.Flush();
                    results.Add(result with { Outcome = ConvolutionCheck.Run(shape, pass, mode, scale.Runs, seed++) });
                }
        File.WriteAllText(resultsPath, JsonSerializer.Serialize(results));
    }

    private static string Key(FaultCheckResult r) => $"{r.Shape}|{r.Pass}|{r.Mode}";

    // ONEDNN_VERBOSE lines: "onednn_verbose,v1,info,cpu,isa:..." and "onednn_verbose,v1,primitive,exec,cpu,convolution,IMPL,PROP_KIND,...".
    private static (string Isa, Dictionary<string, string[]> Implementations) ParseVerbose(StreamReader output)
    {
        var isa = "unknown";
        var implementations = new Dictionary<string, string[]>();
        string? current = null;
        var seen = new SortedSet<string>();
        void Close()
        {
            if (current is not null)
                implementations[current] = [.. seen];
            seen.Clear();
        }
        while (output.ReadLine() is { } line)
        {
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                Close();
                current = line[Marker.Length..];
                continue;
            }
            var fields = line.Split(',');
            if (fields.Length > 4 && fields[0] == "onednn_verbose" && fields[2] == "info" && fields[3] == "cpu" && fields[4].StartsWith("isa:", StringComparison.Ordinal))
                isa = fields[4][4..];
            else if (fields.Length > 7 && fields[0] == "onednn_verbose" && fields[2] == "primitive" && fields[3] == "exec" && fields[5] is "convolution" or "deconvolution")
                seen.Add($"{fields[6]} {fields[7]}");
        }
        Close();
        return (isa, implementations);
    }
}
