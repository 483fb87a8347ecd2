using System.CommandLine;
using Adversa.Som;
using Adversa.Training.Outputs;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa report RUN</c>: rebuilds the self-contained report.html of a GAN or SOM run from its files.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var runDirectory = new Argument<string>("run-dir") { Description = "A run directory written by adversa train or adversa som train." };
        var command = new Command("report", "Rebuild a run's report.html (GAN: losses, samples, metrics, timing; SOM: QE/TE, map pictures).") { runDirectory };
        command.SetAction(parse =>
        {
            var run = parse.GetValue(runDirectory)!;
            output.WriteLine($"wrote {(SomReport.IsSomRun(run) ? SomReport.Write(run) : RunReport.Write(run))}");
            return 0;
        });
        return command;
    }
}
