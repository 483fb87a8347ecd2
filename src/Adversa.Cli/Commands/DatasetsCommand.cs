using System.CommandLine;
using Adversa.Data;
using Adversa.Runtime;
using Spectre.Console;
using static TorchSharp.torch;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa datasets</c>: each named data set, where it was found, and what to do when it is missing;
/// <c>adversa datasets show NAME --out FILE.png|DIR</c>: a grid of its images, or one PNG per image.
/// </summary>
public static class DatasetsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var command = new Command("datasets", "List data sets and where each was found; show their images.") { CreateShow(output) };
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("data set", "contents", "found at");
            foreach (var info in DatasetCatalog.Describe())
                table.AddRow(Markup.Escape(info.Name), Markup.Escape(info.Description),
                    info.Location is null ? $"[yellow]missing[/]: {Markup.Escape(info.Hint)}" : Markup.Escape(info.Location));
            ConsoleOutput.For(output).Write(table);
            return 0;
        });
        return command;
    }

    private static Command CreateShow(TextWriter output)
    {
        var data = new Argument<string>("data") { Description = "A data-set name (see adversa datasets) or a path." };
        var count = new Option<int>("--count") { Description = "How many images.", DefaultValueFactory = _ => 64 };
        var outPath = new Option<string>("--out") { Description = "FILE.png for one grid, or a folder for one PNG per image.", Required = true };
        var seed = new Option<long>("--seed") { Description = "Seed of the random choice of images (and of the shapes' drawing).", DefaultValueFactory = _ => 0 };
        var test = new Option<bool>("--test") { Description = "Show the test split." };
        var size = new Option<int>("--image-size") { Description = "Side in pixels that image folders are decoded to.", DefaultValueFactory = _ => 64 };
        var channels = new Option<int>("--channels") { Description = "Channels that image folders are decoded to (1 or 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("show", "Write real images of a data set: a random choice, as a grid or one PNG each.") { data, count, outPath, seed, test, size, channels };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            ImageOutput.Check(target);
            var wanted = parse.GetValue(count);
            if (wanted <= 0)
                throw new InvalidInputException("count", wanted.ToString(System.Globalization.CultureInfo.InvariantCulture), "must be positive");
            var source = DataSource.Resolve(parse.GetValue(data)!);
            using var scope = NewDisposeScope();
            using var all = source.Load(parse.GetValue(test) ? DatasetSplit.Test : DatasetSplit.Train, parse.GetValue(seed), parse.GetValue(channels), parse.GetValue(size));
            using var chosen = all.RandomSubset(wanted, parse.GetValue(seed));
            using var shown = ImageTransforms.ToSymmetricRange(chosen);
            output.WriteLine($"{source.Name}: {all.Count} images of {all.Channels}x{all.Height}x{all.Width}; {ImageOutput.Write(shown.Images, target, "image")}");
            return 0;
        });
        return command;
    }
}
