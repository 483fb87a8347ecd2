using System.CommandLine;
using Adversa.Training;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa presets</c>: name, model, data and a one-line description of each preset.</summary>
public static class PresetsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var command = new Command("presets", "List presets (name, model, data, one-line description).");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("preset", "model", "data", "description");
            foreach (var preset in PresetCatalog.All)
                table.AddRow(Markup.Escape(preset.Name), Markup.Escape(preset.Model), Markup.Escape(preset.Config.Data), Markup.Escape(preset.Description));
            ConsoleOutput.For(output).Write(table);
            return 0;
        });
        return command;
    }
}
