using System.CommandLine;
using Adversa.Imaging;
using Adversa.Runtime;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa interpolate RUN --out FILE.png</c>: a grid whose rows walk through latent space between two random points.</summary>
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
        var command = new Command("interpolate", "Draw walks between latent points through a trained generator.") { runDirectory, outPath, rows, steps, mode, seed };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            if (!target.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                throw new InvalidInputException("out", target, "must name a .png file");
            OutputPath.CheckFile(target, "out");
            var interpolation = ConfigEnum.Parse<LatentPathKind>(parse.GetValue(mode)!, "mode");
            using var generator = TrainedGenerator.Load(parse.GetValue(runDirectory)!);
            using var scope = NewDisposeScope();
            var stepCount = parse.GetValue(steps);
            var images = generator.Interpolate(parse.GetValue(rows), stepCount, interpolation, parse.GetValue(seed));
            AtomicFile.WriteAllBytes(target, ImageGrid.ToPng(images, columns: stepCount));
            output.WriteLine($"wrote {parse.GetValue(rows)} walks of {stepCount} images ({parse.GetValue(mode)}) to {target}");
            return 0;
        });
        return command;
    }
}
