using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Adversa.Cli;

/// <summary>Progress of a long operation: a bar with rate and time left on a terminal, a line per tenth elsewhere.</summary>
public static class LongOperation
{
    /// <summary>Runs <paramref name="work"/>, which reports (done, total, status) as it goes; <paramref name="unit"/> names what is counted.</summary>
    public static T Run<T>(TextWriter output, string unit, Func<Action<long, long, string>, T> work)
    {
        var console = ConsoleOutput.For(output);
        var clock = Stopwatch.StartNew();
        string Describe(long done, long total, string status)
        {
            var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            var left = TimeSpan.FromSeconds((total - done) / Math.Max(rate, 1e-9));
            return string.Create(CultureInfo.InvariantCulture, $"{status}  {done}/{total} {unit}  {rate:F1} {unit}/s  left {left:hh\\:mm\\:ss}");
        }
        if (console.Profile.Capabilities.Interactive)
        {
            T result = default!;
            console.Progress().Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("starting");
                    result = work((done, total, status) =>
                    {
                        task.MaxValue = Math.Max(total, 1);
                        task.Value = done;
                        task.Description = Markup.Escape(Describe(done, total, status));
                    });
                });
            return result;
        }
        var nextReport = 0L;
        return work((done, total, status) =>
        {
            if (done < nextReport && done != total)
                return;
            nextReport = done + Math.Max(1, total / 10);
            output.WriteLine(Describe(done, total, status));
        });
    }
}
