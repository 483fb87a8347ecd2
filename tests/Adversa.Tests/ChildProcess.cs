using System.Diagnostics;

namespace Adversa.Tests;

/// <summary>Runs a program to its end, as a user's shell would, and keeps what it printed.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> (each passed as is) in <paramref name="workingDirectory"/>.</summary>
    public static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>As <see cref="Run"/>, asserting a zero exit code (the message holds both streams); returns standard output.</summary>
    public static string Succeed(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var (exitCode, output, error) = Run(program, arguments, workingDirectory);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}\n{error}");
        return output;
    }
}
