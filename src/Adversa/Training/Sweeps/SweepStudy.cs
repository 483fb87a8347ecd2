using System.Text.Json.Serialization;
using Adversa.Runtime;

namespace Adversa.Training.Sweeps;

/// <summary>What a study minimises.</summary>
public enum SweepObjective
{
    /// <summary>FID (built-in features of the data set) of the generator after the last epoch.</summary>
    Fid,
    /// <summary>KID (x 1000) of the generator after the last epoch.</summary>
    Kid,
    /// <summary>The critic's mean loss over the last epochs (seed 000 compares the mean losses).</summary>
    [JsonStringEnumMemberName("d_loss")]
    DLoss,
    /// <summary>The generator's mean loss over the last epochs.</summary>
    [JsonStringEnumMemberName("g_loss")]
    GLoss,
}

/// <summary>How a study chooses its trials.</summary>
public enum SweepSamplerKind
{
    /// <summary>Every combination of the parameters' grid values.</summary>
    Grid,
    /// <summary><see cref="SweepStudy.Trials"/> seeded random draws.</summary>
    Random,
    /// <summary>Seed 000's procedure: the grid, then rounds of random values in the interval around the best, until the best improves by less than the tolerance.</summary>
    Refine,
}

/// <summary>
/// A hyperparameter study (seed 000's search): a preset, settings every trial shares, the searched parameters, a
/// per-trial budget, an objective and a sampler; frozen as study.json in the study's folder, where every trial's run
/// directory lives (trials/trial_NNNN). The same study (seed included) always gives the same trials.
/// </summary>
public sealed record SweepStudy
{
    /// <summary>The study's name: its key in a shared store (by default its folder's name when created).</summary>
    public string Name { get; init; } = "study";
    /// <summary>The preset every trial starts from.</summary>
    public string Preset { get; init; } = "wgan-gp-shapes";
    /// <summary>key=value settings applied to every trial before its parameters.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];
    /// <summary>The searched parameters, as <see cref="SweepParameter.Parse"/> reads them.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];
    /// <summary>Epochs each trial trains.</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Generator steps per epoch (0: the preset's).</summary>
    public int Iterations { get; init; }
    /// <summary>What is minimised.</summary>
    public SweepObjective Objective { get; init; } = SweepObjective.Fid;
    /// <summary>Epochs whose mean losses the loss objectives average (the last ones).</summary>
    public int LastEpochs { get; init; } = 3;
    /// <summary>How trials are chosen.</summary>
    public SweepSamplerKind Sampler { get; init; } = SweepSamplerKind.Grid;
    /// <summary>Random: the trial count; refine: trials per round after the grid.</summary>
    public int Trials { get; init; } = 8;
    /// <summary>Refine: the most rounds, the grid included.</summary>
    public int Rounds { get; init; } = 3;
    /// <summary>Refine: stop when a round improves the best by less than this fraction of it.</summary>
    public double Tolerance { get; init; } = 0.01;
    /// <summary>Seeds the sampler and every trial's training.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The parsed parameters.</summary>
    [JsonIgnore]
    public IReadOnlyList<SweepParameter> ParsedParameters => [.. Parameters.Select(SweepParameter.Parse)];

    /// <summary>Checks what can be checked before a trial runs: parameters, budget, counts, and every key against the configuration.</summary>
    public void Validate()
    {
        if (Parameters.Count == 0)
            throw new InvalidInputException("param", null, "a study needs at least one parameter (key=a,b,c)");
        var parameters = ParsedParameters;
        if (parameters.Select(p => p.Key).Distinct().Count() != parameters.Count)
            throw new InvalidInputException("param", string.Join(" ", Parameters), "each key may be searched once");
        if (Epochs <= 0)
            throw new InvalidInputException("epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "a trial trains at least one epoch");
        if (Trials <= 0 || Rounds <= 0 || LastEpochs <= 0 || !(Tolerance >= 0))
            throw new InvalidInputException("trials", Trials.ToString(System.Globalization.CultureInfo.InvariantCulture), "trials, rounds and last epochs must be positive, the tolerance not negative");
        // Every key and every grid value (a range's ends among them) must make a valid configuration, the others at their first.
        var first = parameters.ToDictionary(p => p.Key, p => p.GridValues()[0]);
        foreach (var parameter in parameters)
            foreach (var value in parameter.GridValues())
                TrialConfig(new Dictionary<string, string>(first) { [parameter.Key] = value });
    }

    /// <summary>The configuration of a trial with <paramref name="values"/>: the preset, the shared settings, the values, the budget and seed; FID or KID measured after the last epoch when the objective needs it.</summary>
    public TrainingConfig TrialConfig(IReadOnlyDictionary<string, string> values)
    {
        var config = PresetCatalog.Get(Preset).Config;
        foreach (var setting in Settings)
            config = ConfigOverrides.ApplyAssignment(config, setting);
        foreach (var (key, value) in values)
            config = ConfigOverrides.ApplyAssignment(config, $"{key}={value}");
        config = config with { Epochs = Epochs, IterationsPerEpoch = Iterations > 0 ? Iterations : config.IterationsPerEpoch, Seed = Seed };
        if (Objective is SweepObjective.Fid or SweepObjective.Kid)
            config = config with { EvalEvery = Epochs, EvalMetrics = Objective == SweepObjective.Fid ? Evaluation.MetricKinds.Fid : Evaluation.MetricKinds.Kid };
        ConfigValidation.Validate(config);
        return config;
    }

    /// <summary>Serialises to indented snake_case JSON.</summary>
    public string ToJson() => ConfigJson.Serialize(this);

    /// <summary>Parses JSON written by <see cref="ToJson"/>.</summary>
    public static SweepStudy FromJson(string json) => ConfigJson.Deserialize<SweepStudy>(json);
}
