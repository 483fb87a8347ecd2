using Adversa.Cli;

namespace Adversa.Tests.Cli;

/// <summary>Runs the command line in-process, capturing both streams.</summary>
public static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
