using System.CommandLine;
using System.Globalization;
using Adversa.Evaluation;
using Adversa.Runtime;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa evaluate RUN</c>: FID, KID, IS and precision/recall of a run's generator against the test split of
/// its data; <c>--real</c> measures a training subset instead (the floor a perfect generator would reach).
/// </summary>
public static class EvaluateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var metrics = new Option<string>("--metrics") { Description = "Any of fid, kid, is, pr (or all).", DefaultValueFactory = _ => "fid,kid,is,pr" };
        var samples = new Option<int>("--samples") { Description = "Generated images (or real training images with --real).", DefaultValueFactory = _ => 10_000 };
        var features = new Option<string?>("--features") { Description = "mnist, fashion-mnist, a classifier file or a TorchScript .pt (default: the run's data set's classifier)." };
        var reference = new Option<string?>("--reference") { Description = "Reference images: a data set (its test split) or a folder (default: the run's data set)." };
        var real = new Option<bool>("--real") { Description = "Measure real training images instead of the generator: the real-data floor." };
        var saveStats = new Option<string?>("--save-stats") { Description = "Write the measured images' feature mean and covariance to FILE.npz (pytorch-fid's mu, sigma)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors, the real subset and the KID subsets.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var truncation = SampleCommand.TruncationOption();
        var command = new Command("evaluate", "Measure a run's generator: FID, KID, Inception Score, precision and recall.")
            { runDirectory, metrics, samples, features, reference, real, saveStats, json, seed, device, truncation };
        command.SetAction(parse =>
        {
            var request = new EvaluationRequest(parse.GetValue(runDirectory)!, MetricSuite.Parse(parse.GetValue(metrics)!), parse.GetValue(samples),
                parse.GetValue(features), parse.GetValue(reference), parse.GetValue(real), parse.GetValue(saveStats), parse.GetValue(seed), parse.GetValue(device)!,
                parse.GetValue(truncation));
            // With --json the output is the JSON alone, for a script to parse: no progress lines around it.
            var asJson = parse.GetValue(json);
            var result = LongOperation.Run(asJson ? TextWriter.Null : output, "images", report => RunEvaluation.Measure(request, report));
            if (asJson)
            {
                output.WriteLine(result.ToJson());
                return 0;
            }
            MetricTable.Write(output, result);
            if (request.StatisticsPath is not null)
                output.WriteLine($"wrote {request.StatisticsPath} (mu, sigma of {result.Samples} images)");
            return 0;
        });
        return command;
    }
}

/// <summary>Prints <see cref="MetricResults"/> as a table with what was measured against what.</summary>
public static class MetricTable
{
    /// <summary>Writes the table.</summary>
    public static void Write(TextWriter output, MetricResults result)
    {
        var table = new Table().AddColumn("metric").AddColumn(new TableColumn("value").RightAligned()).AddColumn("settings");
        static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        if (result.Fid is { } fid)
            table.AddRow("FID", F(fid, "F3"), $"{result.FeatureWidth}-d features");
        if (result.KidMean is { } kid)
            table.AddRow("KID", $"{F(kid, "F5")} ± {F(result.KidStd!.Value, "F5")}", $"{result.KidSubsets} subsets");
        if (result.IsMean is { } inception)
            table.AddRow("Inception Score", $"{F(inception, "F3")} ± {F(result.IsStd!.Value, "F3")}", $"{result.IsSplits} splits");
        if (result.Precision is { } precision)
        {
            table.AddRow("precision", F(precision, "F4"), $"k = {result.PrecisionRecallK}");
            table.AddRow("recall", F(result.Recall!.Value, "F4"), $"k = {result.PrecisionRecallK}");
        }
        if (result.IntraFid is { } intraFid)
            table.AddRow("intra-FID", F(intraFid, "F3"), "mean of the classes' FIDs");
        if (result.ClassAccuracy is { } accuracy)
            table.AddRow("class accuracy", F(accuracy, "F4"), "images the classifier assigns to the class asked for (real ones: to their own)");
        foreach (var perClass in result.PerClass ?? [])
            table.AddRow($"  class {perClass.Class} {Markup.Escape(perClass.Name)}", perClass.Fid is { } classFid ? F(classFid, "F3") : "-",
                $"{(perClass.Accuracy is { } a ? $"accuracy {F(a, "F4")}, " : "")}{perClass.Samples} images{(perClass.ReferenceSamples > 0 ? $" against {perClass.ReferenceSamples}" : "")}");
        var console = ConsoleOutput.For(output);
        console.Write(table);
        output.WriteLine($"measured: {result.Measured} ({result.Samples} images); reference: {result.Reference}; features: {result.FeatureNetwork}; seed {result.Seed}");
    }
}
