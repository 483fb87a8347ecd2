using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>One image's critic score.</summary>
/// <param name="Image">Index in the scored data.</param>
/// <param name="Label">Class index (-1 when unknown).</param>
/// <param name="ClassName">Class name (empty when unknown).</param>
/// <param name="Score">The critic's raw output.</param>
public sealed record ImageScore(long Image, long Label, string ClassName, double Score);

/// <summary>Summary of one class's scores.</summary>
/// <param name="ClassName">The class.</param>
/// <param name="Count">Images.</param>
/// <param name="Mean">Mean score, shifted by the reference class's mean.</param>
/// <param name="Std">Standard deviation of the scores.</param>
public sealed record ClassScores(string ClassName, int Count, double Mean, double Std);

/// <summary>
/// How well a critic's scores tell classes apart (seed 003): scores per class shifted so that a reference class
/// has mean 0, and the ROC AUC of every pair of classes: the probability that an image of the first class scores
/// higher than one of the second (ties count half; the Mann-Whitney U statistic over n1 n2).
/// </summary>
public sealed class ScoreSeparation
{
    /// <summary>A pair counts as separated when its AUC is at least this far from chance (0.5) in either direction.</summary>
    public const double SeparatedAucMargin = 0.4;

    private ScoreSeparation(IReadOnlyList<string> classNames, IReadOnlyList<double[]> shiftedScores, IReadOnlyList<ClassScores> classes, double[,] auc, string reference)
    {
        ClassNames = classNames;
        ShiftedScores = shiftedScores;
        Classes = classes;
        Auc = auc;
        Reference = reference;
    }

    /// <summary>Class names in order of first appearance.</summary>
    public IReadOnlyList<string> ClassNames { get; }
    /// <summary>Per class, its scores minus the reference class's mean.</summary>
    public IReadOnlyList<double[]> ShiftedScores { get; }
    /// <summary>Per class summaries (means shifted).</summary>
    public IReadOnlyList<ClassScores> Classes { get; }
    /// <summary>AUC[i, j]: P(score of class i &gt; score of class j).</summary>
    public double[,] Auc { get; }
    /// <summary>The reference class.</summary>
    public string Reference { get; }

    /// <summary>The AUC matrix as CSV: a header of class names, then one row per class.</summary>
    public string AucCsv()
    {
        var text = new System.Text.StringBuilder().AppendLine("class," + string.Join(',', ClassNames.Select(Csv.Field)));
        for (var i = 0; i < ClassNames.Count; i++)
            text.AppendLine(Csv.Field(ClassNames[i]) + "," + string.Join(',', Enumerable.Range(0, ClassNames.Count)
                .Select(j => Auc[i, j].ToString("F4", System.Globalization.CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    /// <summary>Pairs (i &lt; j) whose AUC is within <see cref="SeparatedAucMargin"/> of 0 or 1.</summary>
    public IEnumerable<(int First, int Second)> SeparatedPairs =>
        from i in Enumerable.Range(0, ClassNames.Count)
        from j in Enumerable.Range(i + 1, ClassNames.Count - i - 1)
        where Separates(i, j)
        select (i, j);

    /// <summary>Whether the AUC of classes <paramref name="first"/> and <paramref name="second"/> is within <see cref="SeparatedAucMargin"/> of 0 or 1.</summary>
    public bool Separates(int first, int second) => Math.Abs(Auc[first, second] - 0.5) >= SeparatedAucMargin;

    /// <summary>Analyses labelled <paramref name="scores"/>; <paramref name="reference"/> is a class name or index (default: the first class).</summary>
    public static ScoreSeparation Of(IReadOnlyList<ImageScore> scores, string? reference = null)
    {
        var labelled = scores.Where(s => s.Label >= 0).ToList();
        if (labelled.Count == 0)
            throw new InvalidInputException("scores: no image has a class label; separation needs labelled images");
        var groups = labelled.GroupBy(s => s.ClassName).ToList();
        if (groups.Count < 2)
            throw new InvalidInputException($"scores: only one class ({groups[0].Key}); separation needs at least two");
        var names = groups.Select(g => g.Key).ToList();
        var referenceIndex = reference is null ? 0
            : names.IndexOf(reference) is var byName and >= 0 ? byName
            : int.TryParse(reference, out var byIndex) && byIndex >= 0 && byIndex < names.Count ? byIndex
            : throw new InvalidInputException("reference", reference, $"no such class (classes: {string.Join("; ", names.Select((n, i) => $"{i} = {n}"))})");
        var raw = groups.Select(g => g.Select(s => s.Score).ToArray()).ToList();
        var offset = raw[referenceIndex].Average();
        var shifted = raw.Select(values => values.Select(v => v - offset).ToArray()).ToList();
        var classes = shifted.Select((values, i) =>
        {
            var mean = values.Average();
            return new ClassScores(names[i], values.Length, mean, Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average()));
        }).ToList();
        var auc = new double[names.Count, names.Count];
        for (var i = 0; i < names.Count; i++)
            for (var j = 0; j < names.Count; j++)
                auc[i, j] = AreaUnderCurve(raw[i], raw[j]);
        return new ScoreSeparation(names, shifted, classes, auc, names[referenceIndex]);
    }

    /// <summary>P(a &gt; b) + P(a = b) / 2 for a drawn from <paramref name="first"/> and b from <paramref name="second"/>, by sorting (O(n log n)).</summary>
    public static double AreaUnderCurve(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var sortedSecond = second.Order().ToArray();
        double wins = 0;
        foreach (var a in first)
        {
            var below = LowerBound(sortedSecond, a);
            var notAbove = UpperBound(sortedSecond, a);
            wins += below + (notAbove - below) / 2.0;
        }
        return wins / ((double)first.Count * second.Count);
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
            return ~index;
        while (index > 0 && sorted[index - 1] == value)
            index--;
        return index;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
            return ~index;
        while (index < sorted.Length && sorted[index] == value)
            index++;
        return index;
    }
}
