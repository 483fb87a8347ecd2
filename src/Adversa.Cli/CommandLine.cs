using System.CommandLine;
using Adversa.Cli.Commands;
using Adversa.Runtime;

namespace Adversa.Cli;

/// <summary>The <c>adversa</c> program: builds the command tree and maps failures to exit codes (2 for bad input, with one line naming the culprit).</summary>
public static class CommandLine
{
    /// <summary>Exit code for bad input.</summary>
    public const int InvalidInputExitCode = 2;


    /// <summary>Parses <paramref name="args"/>, runs the command and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var root = new RootCommand("Adversa: train and study GANs (GAN, DCGAN, WGAN, WGAN-GP) and self-organising maps on TorchSharp.")
        {
            PresetsCommand.Create(output),
            DatasetsCommand.Create(output),
            TrainCommand.Create(output),
            SampleCommand.Create(output),
            ExportCommand.Create(output),
            InterpolateCommand.Create(output),
            SomCommand.Create(output),
            ReportCommand.Create(output),
            EvaluateCommand.Create(output),
            FidCommand.Create(output),
            DivergenceCommand.Create(output),
            NearestCommand.Create(output),
            ScoreCommand.Create(output),
            ScoreCommand.CreateReport(output),
            ScoreStudyCommand.Create(output),
            SweepCommand.Create(output),
            ClassifierCommand.Create(output),
            BenchCommand.Create(output),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"adversa: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
            return InvalidInputExitCode;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (InvalidInputException problem)
        {
            error.WriteLine($"adversa: {MessageFor(problem, parsed.CommandResult.Command)}");
            return InvalidInputExitCode;
        }
        catch (Training.TrainingDivergedException diverged)
        {
            error.WriteLine($"adversa: {diverged.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("adversa: interrupted; the last checkpoint is intact (continue with --resume)");
            return 130;
        }
        catch (Exception unexpected) when (Environment.GetEnvironmentVariable("ADVERSA_DEBUG") != "1")
        {
            // libtorch's messages go on with a native backtrace: the first line says what went wrong.
            error.WriteLine($"adversa: internal error: {unexpected.GetType().Name}: {NativeErrors.FirstLine(unexpected)} (set ADVERSA_DEBUG=1 for the whole message and stack trace)");
            return 1;
        }
    }

    // The library names settings by their configuration keys or argument names (batch_size, data); where the command
    // that ran has a flag of that name (--batch-size, --data), the error names the flag.
    private static string MessageFor(InvalidInputException problem, Command command)
    {
        if (problem.Setting is not { } setting)
            return problem.Message;
        var flag = "--" + setting.Replace('_', '-');
        return command.Options.Any(o => o.Name == flag) ? problem.MessageNaming(flag) : problem.Message;
    }
}
