using System.Globalization;
using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>A distribution on the real line, for <see cref="Divergences.Between"/>: a uniform, a point mass, or the empirical distribution of a sample.</summary>
public abstract record Distribution1D
{
    /// <summary>The smallest and largest value with mass.</summary>
    public abstract (double Low, double High) Support { get; }

    /// <summary>The points holding all the mass, each an equal share (compared exactly unless binned); null for a continuous distribution.</summary>
    public virtual double[]? Atoms => null;

    /// <summary>The mass in each bin between consecutive <paramref name="edges"/> (the last bin closed on the right); here, of the <see cref="Atoms"/>.</summary>
    public virtual double[] MassPerBin(double[] edges)
    {
        var atoms = Atoms ?? throw new NotSupportedException($"{GetType().Name} has no atoms: it bins its own mass");
        var mass = new double[edges.Length - 1];
        foreach (var value in atoms)
        {
            var bin = Array.BinarySearch(edges, value);
            bin = bin >= 0 ? Math.Min(bin, mass.Length - 1) : ~bin - 1;
            if (bin >= 0 && bin < mass.Length)
                mass[bin] += 1.0 / atoms.Length;
        }
        return mass;
    }

    /// <summary>
    /// Reads <c>uniform:LOW,HIGH</c>, <c>point:X</c>, or a path to a text file of numbers (separated by commas, spaces
    /// or new lines). Errors name <paramref name="setting"/>.
    /// </summary>
    public static Distribution1D Parse(string text, string setting)
    {
        if (text.StartsWith("uniform:", StringComparison.Ordinal))
        {
            var bounds = Numbers(text["uniform:".Length..], setting, text);
            if (bounds.Length != 2 || !(bounds[0] < bounds[1]))
                throw new InvalidInputException(setting, text, "a uniform is uniform:LOW,HIGH with LOW < HIGH");
            return new Uniform(bounds[0], bounds[1]);
        }
        if (text.StartsWith("point:", StringComparison.Ordinal))
        {
            var at = Numbers(text["point:".Length..], setting, text);
            return at.Length == 1 ? new PointMass(at[0]) : throw new InvalidInputException(setting, text, "a point mass is point:X");
        }
        if (!File.Exists(text))
            throw new InvalidInputException(setting, text, "neither uniform:LOW,HIGH, point:X nor a file of numbers");
        var values = Numbers(File.ReadAllText(text), setting, text);
        return values.Length > 0 ? new Samples(values) : throw new InvalidInputException(setting, text, "the file holds no numbers");
    }

    private static double[] Numbers(string text, string setting, string value) =>
        [.. text.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(word =>
            double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                ? number
                : throw new InvalidInputException(setting, value, $"'{word}' is not a finite number"))];
}

/// <summary>U(<paramref name="Low"/>, <paramref name="High"/>).</summary>
public sealed record Uniform(double Low, double High) : Distribution1D
{
    /// <inheritdoc />
    public override (double Low, double High) Support => (Low, High);

    /// <inheritdoc />
    public override double[] MassPerBin(double[] edges) =>
        [.. edges.Zip(edges.Skip(1), (a, b) => Math.Max(0, Math.Min(b, High) - Math.Max(a, Low)) / (High - Low))];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"U({Low}, {High})");
}

/// <summary>All mass at <paramref name="At"/>.</summary>
public sealed record PointMass(double At) : Distribution1D
{
    /// <inheritdoc />
    public override (double Low, double High) Support => (At, At);

    /// <inheritdoc />
    public override double[] Atoms => [At];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"a point mass at {At}");
}

/// <summary>The empirical distribution of <paramref name="Values"/> (mass 1/n at each).</summary>
public sealed record Samples(double[] Values) : Distribution1D
{
    /// <inheritdoc />
    public override (double Low, double High) Support => (Values.Min(), Values.Max());

    /// <inheritdoc />
    public override double[] Atoms => Values;

    /// <inheritdoc />
    public override string ToString() => $"{Values.Length} values";
}
