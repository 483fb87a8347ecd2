namespace Adversa.Training.Sweeps;

/// <summary>A finished trial as the sampler sees it: its values and its objective (null when it failed).</summary>
/// <param name="Values">Parameter key to value.</param>
/// <param name="Objective">The minimised value.</param>
public sealed record SampledTrial(IReadOnlyDictionary<string, string> Values, double? Objective);

/// <summary>
/// The trials of a study, round by round. Grid: every combination of the grid values. Random: seeded independent
/// draws. Refine (seed 000: "if the best lies between 50 and 100, draw random values there and train again, until the
/// differences are negligible"): the grid first; then, while rounds remain and the last round improved the best by at
/// least the tolerance, <see cref="SweepStudy.Trials"/> draws with every numeric parameter in the interval between
/// the values tried next below and next above the best one (others at the best's value).
/// </summary>
public static class SweepSampler
{
    /// <summary>The first round's trials.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> FirstRound(SweepStudy study)
    {
        var parameters = study.ParsedParameters;
        if (study.Sampler == SweepSamplerKind.Random)
        {
            var random = new Random(unchecked((int)study.Seed));
            return [.. Enumerable.Range(0, study.Trials).Select(_ => (IReadOnlyDictionary<string, string>)parameters.ToDictionary(p => p.Key, p => p.Draw(random)))];
        }
        IEnumerable<Dictionary<string, string>> grid = [[]];
        foreach (var parameter in parameters)
            grid = [.. grid.SelectMany(partial => parameter.GridValues().Select(value => new Dictionary<string, string>(partial) { [parameter.Key] = value }))];
        return [.. grid];
    }

    /// <summary>
    /// The trials of round <paramref name="round"/> (1 after the first) given every finished trial of the earlier rounds
    /// (<paramref name="finished"/>, grouped by round in order); empty when the study is complete.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> NextRound(SweepStudy study, int round, IReadOnlyList<IReadOnlyList<SampledTrial>> finished)
    {
        if (study.Sampler != SweepSamplerKind.Refine || round >= study.Rounds)
            return [];
        var scored = finished.SelectMany(r => r).Where(t => t.Objective is { } o && double.IsFinite(o)).ToList();
        if (scored.Count == 0)
            return [];
        if (finished.Count >= 2)
        {
            var before = finished.Take(finished.Count - 1).SelectMany(r => r).Where(t => t.Objective is { } o && double.IsFinite(o)).Select(t => t.Objective!.Value).DefaultIfEmpty(double.PositiveInfinity).Min();
            var now = scored.Min(t => t.Objective!.Value);
            if (double.IsFinite(before) && before - now < study.Tolerance * Math.Abs(before))
                return [];
        }
        var best = scored.MinBy(t => t.Objective!.Value)!;
        var random = new Random(unchecked((int)(study.Seed * 7919 + round)));
        var intervals = study.ParsedParameters.ToDictionary(p => p.Key, p =>
        {
            if (!p.IsNumeric)
                return ((double, double)?)null;
            var bestValue = SweepParameter.Number(best.Values[p.Key]);
            var tried = scored.Select(t => SweepParameter.Number(t.Values[p.Key])).Distinct().Order().ToList();
            var below = tried.Where(v => v < bestValue).DefaultIfEmpty(bestValue).Max();
            var above = tried.Where(v => v > bestValue).DefaultIfEmpty(bestValue).Min();
            return (below, above);
        });
        return [.. Enumerable.Range(0, study.Trials).Select(_ => (IReadOnlyDictionary<string, string>)study.ParsedParameters.ToDictionary(p => p.Key,
            p => intervals[p.Key] is var (low, high) && high > low ? p.Draw(random, low, high) : best.Values[p.Key]))];
    }
}
