using System.CommandLine;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa sample RUN --count N --out FILE.png|DIR</c>: a grid, or one PNG per image in a folder.</summary>
public static class SampleCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var count = new Option<int>("--count") { Description = "How many images.", Required = true };
        var outPath = new Option<string>("--out") { Description = "FILE.png for one grid, or a folder for one PNG per image.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the latent vectors.", DefaultValueFactory = _ => 0 };
        var classOption = new Option<string?>("--class") { Description = "A class-conditional run only: draw this class (index, or a name of the run's data)." };
        var truncation = TruncationOption();
        var command = new Command("sample", "Generate images from a trained run.") { runDirectory, count, outPath, seed, classOption, truncation };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            ImageOutput.Check(target);
            using var generator = TrainedGenerator.Load(parse.GetValue(runDirectory)!);
            generator.Truncation = parse.GetValue(truncation);
            var classIndex = parse.GetValue(classOption) is { } named ? generator.ClassIndex(named, "class") : (int?)null;
            using var scope = NewDisposeScope();
            output.WriteLine(ImageOutput.Write(generator.Sample(parse.GetValue(count), parse.GetValue(seed), classIndex), target, "sample"));
            return 0;
        });
        return command;
    }

    /// <summary><c>--truncation T</c>, shared by the commands that draw from a generator.</summary>
    internal static Option<double?> TruncationOption() => new("--truncation")
    {
        Description = "The truncation trick: z cut to [-T, T] (more typical images, less variety; about 0.5 to 2). Default: z as in training.",
    };
}
