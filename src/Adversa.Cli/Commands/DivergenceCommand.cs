using System.CommandLine;
using System.Globalization;
using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Cli.Commands;

/// <summary>
/// <c>adversa divergence</c>: KL, JS, TV and EM between two distributions on the line (<c>--p</c>, <c>--q</c>), or seed
/// 004's table for two parallel lines at distance <c>--theta</c>.
/// </summary>
public static class DivergenceCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var p = new Option<string?>("--p") { Description = "P: uniform:LOW,HIGH, point:X, or a file of numbers (a sample)." };
        var q = new Option<string?>("--q") { Description = "Q: the same kinds." };
        var theta = new Option<double?>("--theta") { Description = "Seed 004's parallel lines at this distance (the default, with theta 1, when --p and --q are not given)." };
        var bins = new Option<int>("--bins") { Description = "Compare over this many equal bins (default: exactly between samples and point masses, 100,000 bins otherwise).", DefaultValueFactory = _ => 0 };
        var command = new Command("divergence", "KL, JS, TV and EM between two distributions, or for seed 004's parallel lines.") { p, q, theta, bins };
        command.SetAction(parse =>
        {
            var (pText, qText) = (parse.GetValue(p), parse.GetValue(q));
            if ((pText is null) != (qText is null))
                throw new InvalidInputException(pText is null ? "--p: needed with --q" : "--q: needed with --p");
            if (pText is not null && parse.GetValue(theta) is not null)
                throw new InvalidInputException("--theta: give either --theta or --p and --q");
            if (pText is null)
            {
                var distance = parse.GetValue(theta) ?? 1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"P on the line x = 0, Q on x = {distance} (y uniform on [0, 1] for both): along x, two point masses"));
                Print(output, Divergences.ParallelLines(distance));
                return 0;
            }
            var (first, second) = (Distribution1D.Parse(pText, "p"), Distribution1D.Parse(qText!, "q"));
            var values = Divergences.Between(first, second, parse.GetValue(bins));
            var (low, high) = (Math.Min(first.Support.Low, second.Support.Low), Math.Max(first.Support.High, second.Support.High));
            output.WriteLine($"P = {first}, Q = {second}" + (values.Bins > 0
                ? string.Create(CultureInfo.InvariantCulture, $" ({values.Bins:N0} bins over [{low}, {high}])")
                : " (compared exactly)"));
            Print(output, values);
            return 0;
        });
        return command;
    }

    private static void Print(TextWriter output, DivergenceValues values)
    {
        static string Format(double value) => double.IsPositiveInfinity(value) ? "inf" : value.ToString("F6", CultureInfo.InvariantCulture);
        output.WriteLine($"KL(P||Q)  {Format(values.KullbackLeiblerPQ)}");
        output.WriteLine($"KL(Q||P)  {Format(values.KullbackLeiblerQP)}");
        output.WriteLine($"JS(P, Q)  {Format(values.JensenShannon)}  (at most log 2 = {Format(Math.Log(2))})");
        output.WriteLine($"TV(P, Q)  {Format(values.TotalVariation)}");
        output.WriteLine($"EM(P, Q)  {Format(values.EarthMovers)}");
    }
}
