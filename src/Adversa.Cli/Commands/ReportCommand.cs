using System.CommandLine;
using Adversa.Imaging;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa report RUN</c>: rebuilds the run's self-contained report.html from its files.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train." };
        var command = new Command("report", "Rebuild a run's report.html (losses, samples, metrics, timing, configuration).") { runDirectory };
        command.SetAction(parse =>
        {
            output.WriteLine($"wrote {RunReport.Write(parse.GetValue(runDirectory)!)}");
            return 0;
        });
        return command;
    }
}
