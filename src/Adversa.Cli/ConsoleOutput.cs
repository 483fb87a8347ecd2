using Spectre.Console;

namespace Adversa.Cli;

/// <summary>Spectre consoles bound to a writer, so commands print where the caller (or a test) asks.</summary>
public static class ConsoleOutput
{
    /// <summary>The console for <paramref name="writer"/>: the real terminal for <see cref="Console.Out"/>, a plain one otherwise.</summary>
    public static IAnsiConsole For(TextWriter writer) =>
        ReferenceEquals(writer, Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
}
