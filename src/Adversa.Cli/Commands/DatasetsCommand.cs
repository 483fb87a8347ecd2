using System.CommandLine;
using Adversa.Data;
using Spectre.Console;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa datasets</c>: each named data set, where it was found, and what to do when it is missing.</summary>
public static class DatasetsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var command = new Command("datasets", "List data sets and where each was found.");
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
}
