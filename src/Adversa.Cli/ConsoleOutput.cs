using Spectre.Console;

namespace Adversa.Cli;

/// <summary>Spectre consoles bound to a writer, so commands print where the caller (or a test) asks.</summary>
public static class ConsoleOutput
{
    /// <summary>Columns of a console that is not a terminal (a file, a pipe, a test): wide enough that tables keep one row per line.</summary>
    public const int PlainWidth = 200;

    /// <summary>The console for <paramref name="writer"/>: the real terminal for <see cref="Console.Out"/> on a terminal, a plain one otherwise (a file or pipe too).</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        if (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
            return AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = PlainWidth;
        return console;
    }
}
