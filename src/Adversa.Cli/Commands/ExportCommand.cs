using System.CommandLine;
using System.Globalization;
using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa export RUN --out FILE [--format onnx|safetensors|pth] [--network generator|critic]</c>: a trained network for ONNX Runtime or PyTorch.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var outPath = new Option<string>("--out") { Description = "The file to write (.onnx, .safetensors or .pth).", Required = true };
        var format = new Option<string?>("--format") { Description = "onnx, safetensors or pth (default: from the file's extension)." };
        var network = new Option<string>("--network") { Description = "generator (its weight average when kept) or critic.", DefaultValueFactory = _ => "generator" };
        var command = new Command("export", "Export a run's generator (or critic) to ONNX, safetensors or PyTorch .pth.") { runDirectory, outPath, format, network };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(outPath)!;
            var chosen = parse.GetValue(format) is { } name ? ConfigEnum.Parse<ExportFormat>(name, "format") : ModelExport.FormatOf(target);
            var which = ConfigEnum.Parse<ExportedNetwork>(parse.GetValue(network)!, "network");
            ModelExport.Export(parse.GetValue(runDirectory)!, target, chosen, which);
            var size = new FileInfo(target).Length;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target}: the {ConfigEnum.NameOf(which)} as {ConfigEnum.NameOf(chosen)}, {size / 1024.0:F1} KiB") +
                (chosen, which) switch
                {
                    (ExportFormat.Onnx, ExportedNetwork.Generator) => " (input 'latent': N x latent_dim; output 'images': N x C x H x W in [-1, 1]; the latent distribution is in its metadata)",
                    (ExportFormat.Onnx, _) => " (input 'images': N x C x H x W in [-1, 1]; output 'scores': N)",
                    (_, ExportedNetwork.Generator) => " (load it with python/adversa_models.py, or train from it with --set init_from=FILE)",
                    _ => "",
                });
            return 0;
        });
        return command;
    }
}
