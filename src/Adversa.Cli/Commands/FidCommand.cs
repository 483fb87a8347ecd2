using System.CommandLine;
using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
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
            string[] sides = [parse.GetValue(first)!, parse.GetValue(second)!];
            var statistics = new FeatureStatistics?[2];
            for (var i = 0; i < 2; i++)
                if (sides[i].EndsWith(".npz", StringComparison.OrdinalIgnoreCase))
                    statistics[i] = FeatureStatisticsFile.Load(sides[i]);
            if (statistics.Any(s => s is null))
            {
                var featureSpec = parse.GetValue(features)
                    ?? sides.Where(IsRun).Select(run => FeatureNetworkCatalog.DefaultFor(TrainingCheckpoint.ReadRun(run).Config.Data)).FirstOrDefault()
                    ?? throw new InvalidInputException("--features: needed when neither side is a run directory (mnist, fashion-mnist, a classifier file or a TorchScript .pt)");
                using var network = FeatureNetworkCatalog.Resolve(featureSpec, ComputeDevice.Resolve(parse.GetValue(device)!));
                for (var i = 0; i < 2; i++)
                    statistics[i] ??= Measure(sides[i], network, parse.GetValue(samples), parse.GetValue(seed), output);
                output.WriteLine($"features: {network.Name}");
            }
            var distance = GenerativeMetrics.FrechetDistance(statistics[0]!, statistics[1]!);
            string Count(FeatureStatistics s) => s.Count > 0 ? $"{s.Count} images" : "count not stored";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FID {distance:F4} ({statistics[0]!.Mean.Length}-d features; {sides[0]}: {Count(statistics[0]!)}; {sides[1]}: {Count(statistics[1]!)})"));
            return 0;
        });
        return command;
    }

    private static bool IsRun(string path) => File.Exists(new RunLayout(path).LastCheckpointPath);

    private static FeatureStatistics Measure(string side, IFeatureNetwork network, int samples, long seed, TextWriter output)
    {
        Embedding embedding;
        if (IsRun(side))
        {
            using var generator = TrainedGenerator.Load(side);
            embedding = LongOperation.Run(output, "images", report => Embedding.Of(network, generator.SampleBatches(samples, seed), done => report(done, samples, side)));
        }
        else
        {
            var (channels, size) = network is ClassifierFeatureNetwork classifier ? (classifier.Description.Channels, classifier.Description.ImageSize) : ((int?)null, 299);
            var (images, _) = EvaluationReference.Load(side, seed, channels, size, DatasetSplit.Test, allowWhole: true);
            using (images)
                embedding = LongOperation.Run(output, "images", report => Embedding.Of(network, Embedding.Batches(images.Images), done => report(done, images.Count, side)));
        }
        using (embedding)
        {
            var width = embedding.Features.shape[1];
            if (embedding.Count <= width)
                throw new InvalidInputException($"{side}: {embedding.Count} images are too few for FID with {width}-d features (need more than {width}; use thousands)");
            return FeatureStatistics.Of(embedding.Features);
        }
    }
}
