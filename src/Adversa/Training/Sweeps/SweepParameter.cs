using System.Globalization;
using Adversa.Runtime;

namespace Adversa.Training.Sweeps;

/// <summary>
/// One searched setting and its domain: a set of choices (<c>batch_size=20,50,100,200</c>), an integer range
/// (<c>n_critic=1..5</c>) or a real range (<c>g_lr=1e-5..1e-3:log</c>, log-scaled where asked).
/// </summary>
/// <param name="Key">The configuration key it sets (as <c>--set</c> takes it).</param>
/// <param name="Choices">The values of a set of choices (as written), else empty.</param>
/// <param name="Low">A range's lower end.</param>
/// <param name="High">A range's upper end.</param>
/// <param name="Integer">A range of integers.</param>
/// <param name="Log">Sample the range uniformly in log space.</param>
public sealed record SweepParameter(string Key, IReadOnlyList<string> Choices, double Low = 0, double High = 0, bool Integer = false, bool Log = false)
{
    /// <summary>Points a grid takes from a range.</summary>
    public const int GridPointsPerRange = 4;

    /// <summary>Whether the domain is a set of choices.</summary>
    public bool IsChoice => Choices.Count > 0;

    /// <summary>Whether every value is a number (ranges, and choices that all parse as numbers), so that refinement can draw between them.</summary>
    public bool IsNumeric => !IsChoice || Choices.All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>Parses <c>key=a,b,c</c>, <c>key=low..high</c> or <c>key=low..high:log</c>.</summary>
    public static SweepParameter Parse(string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
            throw new InvalidInputException("param", text, "expected key=a,b,c or key=low..high[:log]");
        var (key, domain) = (text[..equals].Trim(), text[(equals + 1)..].Trim());
        var log = domain.EndsWith(":log", StringComparison.Ordinal);
        if (log)
            domain = domain[..^4];
        var dots = domain.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            if (log)
                throw new InvalidInputException("param", text, ":log applies to a range (low..high)");
            var choices = domain.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (choices.Length == 0 || choices.Distinct().Count() != choices.Length)
                throw new InvalidInputException("param", text, "choices must be distinct and not empty");
            return new SweepParameter(key, choices);
        }
        var (lowText, highText) = (domain[..dots], domain[(dots + 2)..]);
        if (!double.TryParse(lowText, NumberStyles.Float, CultureInfo.InvariantCulture, out var low) || !double.TryParse(highText, NumberStyles.Float, CultureInfo.InvariantCulture, out var high)
            || !double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
            throw new InvalidInputException("param", text, "a range needs two numbers, low < high");
        if (log && low <= 0)
            throw new InvalidInputException("param", text, "a log-scaled range must be positive");
        var integer = long.TryParse(lowText, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) && long.TryParse(highText, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
        return new SweepParameter(key, [], low, high, integer, log);
    }

    /// <summary>The domain as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => IsChoice ? $"{Key}={string.Join(',', Choices)}"
        : string.Create(CultureInfo.InvariantCulture, $"{Key}={Low:R}..{High:R}{(Log ? ":log" : "")}");

    /// <summary>The values a grid takes: every choice, or <see cref="GridPointsPerRange"/> evenly spaced points of a range (in log space when log-scaled; integers rounded, repeats dropped).</summary>
    public IReadOnlyList<string> GridValues()
    {
        if (IsChoice)
            return Choices;
        return [.. Enumerable.Range(0, GridPointsPerRange).Select(i => Format(Between(Low, High, i / (double)(GridPointsPerRange - 1)))).Distinct()];
    }

    /// <summary>A value drawn uniformly (log-uniformly when log-scaled) from the domain, or from [<paramref name="low"/>, <paramref name="high"/>] when given.</summary>
    public string Draw(Random random, double? low = null, double? high = null)
    {
        if (IsChoice && low is null)
            return Choices[random.Next(Choices.Count)];
        return Format(Between(low ?? Low, high ?? High, random.NextDouble()));
    }

    /// <summary>The numeric value of one of this parameter's values.</summary>
    public static double Number(string value) => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);

    // The point at fraction t of [low, high], in log space when log-scaled.
    private double Between(double low, double high, double t) =>
        Log ? Math.Exp(Math.Log(low) + t * (Math.Log(high) - Math.Log(low))) : low + t * (high - low);

    private string Format(double value) => Integer || (IsChoice && Choices.All(c => long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        ? Math.Round(value).ToString(CultureInfo.InvariantCulture)
        : value.ToString("G4", CultureInfo.InvariantCulture);
}
