using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Adversa.Training;

namespace Adversa.Bench;

/// <summary>
/// The arithmetic of one training step of a preset, summed from oneDNN's own log (ONEDNN_VERBOSE) of every primitive it
/// executed: convolutions and transposed convolutions in all their passes (the gradient penalty's double backward
/// included), dense layers where oneDNN runs them. fp32 dense layers go to the BLAS library rather than oneDNN and are
/// not counted, so the figure is a floor of the step's work.
/// </summary>
/// <param name="GflopPerStep">Billions of floating-point operations per generator step (n_critic critic updates included).</param>
/// <param name="Primitives">Primitive executions per step.</param>
public sealed record StepWork(double GflopPerStep, double Primitives);

/// <summary>Counts <see cref="StepWork"/> in a child process whose oneDNN logs every primitive it executes.</summary>
public static partial class StepWorkCounter
{
    private const string Start = "### counted steps start";
    private const string End = "### counted steps end";

    /// <summary>Steps counted after the warm-up.</summary>
    public const int Steps = 3;

    /// <summary>Runs <paramref name="child"/> (a process that calls <see cref="RunHere"/>) with ONEDNN_VERBOSE=1 and sums the work of the counted steps.</summary>
    public static StepWork Measure(ProcessStartInfo child)
    {
        child.RedirectStandardOutput = true;
        child.RedirectStandardError = true;
        child.Environment["ONEDNN_VERBOSE"] = "1";
        using var process = Process.Start(child) ?? throw new InvalidOperationException("could not start the step-counting process");
        var error = process.StandardError.ReadToEndAsync();
        double flops = 0, executions = 0;
        var counting = false;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line == Start || line == End)
                counting = line == Start;
            else if (counting && FlopsOf(line) is { } work)
            {
                flops += work;
                executions++;
            }
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the step-counting process failed: {error.Result.Trim()}");
        return new StepWork(flops / Steps / 1e9, executions / Steps);
    }

    /// <summary>Trains <paramref name="config"/> in memory on <paramref name="images"/>: two steps to warm up, then <see cref="Steps"/> between markers on standard output.</summary>
    public static void RunHere(TrainingConfig config, Data.LabeledImages images)
    {
        using var trainer = GanTrainer.Create(config, images);
        trainer.TrainIteration();
        trainer.TrainIteration();
        Console.Out.WriteLine(Start);
        Console.Out.Flush();
        for (var i = 0; i < Steps; i++)
            trainer.TrainIteration();
        Console.Out.Flush();
        Console.Out.WriteLine(End);
        Console.Out.Flush();
    }

    /// <summary>
    /// The floating-point operations of one ONEDNN_VERBOSE "exec" line, or null for other lines and primitives (copies,
    /// element-wise work). A convolution does 2 x mb x ic/g x oc x oh x ow x kh x kw (the same in its backward passes);
    /// a transposed one scatters every input pixel, so the same with ih x iw; a dense layer 2 x mb x ic x oc.
    /// </summary>
    public static double? FlopsOf(string line)
    {
        var fields = line.Split(',');
        if (fields.Length < 10 || fields[0] != "onednn_verbose" || fields[2] != "primitive" || fields[3] != "exec")
            return null;
        var kind = fields[5];
        var descriptor = fields[^2];
        if (kind is "convolution" or "deconvolution")
        {
            var m = ConvolutionShape().Match(descriptor);
            if (!m.Success)
                return null;
            // A square problem leaves out the width part: the width is then the height.
            var pixels = kind == "convolution"
                ? Number(m, "oh") * Number(m, "ow", Number(m, "oh"))
                : Number(m, "ih") * Number(m, "iw", Number(m, "ih"));
            return 2 * Number(m, "mb") * Number(m, "ic") / Number(m, "g") * Number(m, "oc") * pixels * Number(m, "kh") * Number(m, "kw", Number(m, "kh"));
        }
        if (kind == "inner_product" && DenseShape().Match(descriptor) is { Success: true } dense)
            return 2 * Number(dense, "mb") * Number(dense, "ic") * Number(dense, "oc");
        if (kind == "matmul" && MatmulShape().Match(descriptor) is { Success: true } product)
            return 2 * Number(product, "m") * Number(product, "k") * Number(product, "n");
        return null;
    }

    // A named number of a matched descriptor, or absent (1: no groups) when the descriptor leaves it out.
    private static double Number(Match match, string name, double absent = 1) =>
        match.Groups[name] is { Success: true, Value.Length: > 0 } group ? double.Parse(group.Value, CultureInfo.InvariantCulture) : absent;

    // oneDNN's problem descriptor, e.g. mb64_ic1oc32_ih28oh28kh5sh1dh0ph2_iw28ow28kw5sw1dw0pw2 or mb2_g2ic4oc4_ih5oh5kh3sh1dh0ph1 (square, width omitted).
    [GeneratedRegex(@"^mb(?<mb>\d+)_(g(?<g>\d+))?ic(?<ic>\d+)oc(?<oc>\d+)_ih(?<ih>\d+)oh(?<oh>\d+)kh(?<kh>\d+)[^_]*(_iw(?<iw>\d+)ow(?<ow>\d+)kw(?<kw>\d+))?")]
    private static partial Regex ConvolutionShape();

    [GeneratedRegex(@"^mb(?<mb>\d+)ic(?<ic>\d+)oc(?<oc>\d+)")]
    private static partial Regex DenseShape();

    // e.g. 64x100:100x6272 (batch dimensions, when present, ahead of the last two are not multiplied in: none here).
    [GeneratedRegex(@"^(?<m>\d+)x(?<k>\d+):\d+x(?<n>\d+)")]
    private static partial Regex MatmulShape();
}
