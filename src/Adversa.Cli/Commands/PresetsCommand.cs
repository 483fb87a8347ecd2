using System.CommandLine;
using Adversa.Som;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa presets</c>: name, model, data and a one-line description of each preset.</summary>
public static class PresetsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var command = new Command("presets", "List presets (name, model, data, one-line description), the GANs and the self-organizing maps.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("preset", "model", "data", "description");
            foreach (var preset in PresetCatalog.All)
                table.AddRow(Markup.Escape(preset.Name), Markup.Escape(preset.Model), Markup.Escape(preset.Config.Data), Markup.Escape(preset.Description));
            var maps = new Table().AddColumns("SOM preset (adversa som train)", "map", "data", "description");
            foreach (var preset in SomPresetCatalog.All)
                maps.AddRow(Markup.Escape(preset.Name), Markup.Escape($"{preset.Config.Rows}x{preset.Config.Columns} {preset.Config.Topology}, {preset.Config.Algorithm}"),
                    Markup.Escape(preset.Config.Data), Markup.Escape(preset.Description));
            var console = ConsoleOutput.For(output);
            console.Write(table);
            console.Write(maps);
            return 0;
        });
        return command;
    }
}
