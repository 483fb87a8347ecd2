using System.CommandLine;
using System.Globalization;
using Adversa.Training;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa fid A B</c>: the Fréchet distance between any two of a statistics file (.npz, ours or pytorch-fid's),
/// a folder of images or a data set (its test split), and a run directory (its generator's samples).
/// </summary>
public static class FidCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var first = new Argument<string>("a") { Description = "FILE.npz, an image folder, a data-set name or a run directory." };
        var second = new Argument<string>("b") { Description = "The same kinds." };
        var features = new Option<string?>("--features") { Description = "Feature network for the sides that are images (default: the run's data set's classifier)." };
        var samples = new Option<int>("--samples") { Description = "Images to generate for a run directory.", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the generated images.", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N.", DefaultValueFactory = _ => "cpu" };
        var command = new Command("fid", "Fréchet distance between two statistics files, image folders, data sets or runs.") { first, second, features, samples, seed, device };
        command.SetAction(parse =>
        {
            var comparison = LongOperation.Run(output, "images", report => FrechetComparison.Measure(parse.GetValue(first)!, parse.GetValue(second)!,
                parse.GetValue(features), parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(device)!, report));
            if (comparison.FeatureNetwork is { } network)
                output.WriteLine($"features: {network}");
            string Count(FrechetSide s) => s.Statistics.Count > 0 ? $"{s.Statistics.Count} images" : "count not stored";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FID {comparison.Distance:F4} ({comparison.First.Statistics.Mean.Length}-d features; {comparison.First.Name}: {Count(comparison.First)}; {comparison.Second.Name}: {Count(comparison.Second)})"));
            return 0;
        });
        return command;
    }
}
