using System.CommandLine;
using Adversa.Imaging;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa interpolate RUN --out FILE.png</c>: a grid whose rows walk through latent space between two random points, two generated images of given classes (seed 002's 4 to 8), or two images of a sample grid.</summary>
public static class InterpolateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var outPath = new Option<string>("--out") { Description = "The grid to write (PNG).", Required = true };
        var rows = new Option<int>("--rows") { Description = "Walks (grid rows), each between its own two latent points.", DefaultValueFactory = _ => 8 };
        var steps = new Option<int>("--steps") { Description = "Images per walk (grid columns), both ends included.", DefaultValueFactory = _ => 10 };
        var mode = new Option<string>("--mode") { Description = "linear or slerp (spherical).", DefaultValueFactory = _ => "slerp" };
        var seed = new Option<long>("--seed") { Description = "Seed of the end points.", DefaultValueFactory = _ => 0 };
        var fromClass = new Option<string?>("--from") { Description = "Start each walk at a generated image of this class (name or index), chosen by the data set's classifier." };
        var toClass = new Option<string?>("--to") { Description = "End each walk at a generated image of this class." };
        var fromIndex = new Option<int?>("--from-index") { Description = "Start at this image (0-based) of the grid adversa sample --seed SEED draws." };
        var toIndex = new Option<int?>("--to-index") { Description = "End at this image of that grid." };
        var features = new Option<string?>("--features") { Description = "The classifier for --from/--to (default: the built-in one that suits the run's data)." };
        var truncation = SampleCommand.TruncationOption();
        var command = new Command("interpolate", "Draw walks between latent points through a trained generator: random ends, ends of given classes, or images of a sample grid.")
            { runDirectory, outPath, rows, steps, mode, seed, fromClass, toClass, fromIndex, toIndex, features, truncation };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException("out", target, "must name a .png file");
            OutputPath.CheckFile(target, "out");
            var interpolation = ConfigEnum.Parse<LatentPathKind>(parse.GetValue(mode)!, "mode");
            using var generator = TrainedGenerator.Load(parse.GetValue(runDirectory)!);
            generator.Truncation = parse.GetValue(truncation); // the ends, and the grid --from-index refers to
            using var scope = NewDisposeScope();
            var stepCount = parse.GetValue(steps);
            var (byClass, byIndex) = (Both(parse, fromClass, toClass), Both(parse, fromIndex, toIndex));
            if (byClass && byIndex)
                throw new InvalidInputException("--from-index: choose the ends either by class (--from, --to) or by index (--from-index, --to-index)");
            Tensor images;
            string ends;
            if (byClass)
            {
                var (from, to) = WalkEnds.ByClass(generator, parse.GetValue(fromClass)!, parse.GetValue(toClass)!, parse.GetValue(rows), parse.GetValue(seed), parse.GetValue(features));
                images = generator.Walk(from, to, stepCount, interpolation);
                ends = $" from class {parse.GetValue(fromClass)} to class {parse.GetValue(toClass)}";
            }
            else if (byIndex)
            {
                var (from, to) = WalkEnds.ByIndex(generator, parse.GetValue(fromIndex)!.Value, parse.GetValue(toIndex)!.Value, parse.GetValue(seed));
                images = generator.Walk(from, to, stepCount, interpolation);
                ends = $" from image {parse.GetValue(fromIndex)} to image {parse.GetValue(toIndex)} of the grid of seed {parse.GetValue(seed)}";
            }
            else
            {
                images = generator.Interpolate(parse.GetValue(rows), stepCount, interpolation, parse.GetValue(seed));
                ends = "";
            }
            var walks = images.shape[0] / stepCount;
            AtomicFile.WriteAllBytes(target, ImageGrid.ToPng(images, columns: stepCount));
            output.WriteLine($"wrote {walks} walks of {stepCount} images ({parse.GetValue(mode)}){ends} to {target}");
            return 0;
        });
        return command;
    }

    // Whether a pair of options is given; one without the other is an error naming the missing one.
    private static bool Both<T>(ParseResult parse, Option<T> first, Option<T> second)
    {
        var (hasFirst, hasSecond) = (parse.GetResult(first) is not null, parse.GetResult(second) is not null);
        if (hasFirst != hasSecond)
            throw new InvalidInputException($"{(hasFirst ? second.Name : first.Name)}: needed with {(hasFirst ? first.Name : second.Name)}");
        return hasFirst;
    }
}
