using System.CommandLine;
using System.Globalization;
using Adversa.Imaging;
using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa nearest RUN --out FILE.png</c>: generated images beside their nearest training images, in pixels and in a classifier's features.</summary>
public static class NearestCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var outPath = new Option<string>("--out") { Description = "The PNG to write: one row per generated image, then its nearest training images.", Required = true };
        var data = new Option<string?>("--data") { Description = "The training images to search (default: the run's)." };
        var count = new Option<int>("--count") { Description = "How many generated images.", DefaultValueFactory = _ => 8 };
        var features = new Option<string?>("--features") { Description = "Feature network (default: the built-in one that suits the data)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors.", DefaultValueFactory = _ => 0 };
        var command = new Command("nearest", "Generated images beside their nearest training images (memorised or new?).") { runDirectory, outPath, data, count, features, seed };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            OutputPath.CheckFile(target, "out");
            using var found = NearestTrainingImages.Find(parse.GetValue(runDirectory)!, parse.GetValue(count), parse.GetValue(seed), parse.GetValue(data), parse.GetValue(features));
            using var rows = found.Rows();
            AtomicFile.WriteAllBytes(target, ImageGrid.ToPng(rows, columns: found.NearestInFeatures is null ? 2 : 3));
            output.WriteLine($"wrote {target}: each row a generated image, its nearest of {found.TrainingImages} training images in pixels" +
                (found.FeatureNetwork is { } network ? $", and in the features of {network}" : " (no feature network suits these images: --features names one)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pixel distance to the nearest (root mean square, images in [-1, 1]): min {found.PixelDistances.Min():F3}, median {Median(found.PixelDistances):F3}, max {found.PixelDistances.Max():F3}"));
            return 0;
        });
        return command;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
