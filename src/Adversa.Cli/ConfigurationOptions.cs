using System.CommandLine;
using Adversa.Runtime;

namespace Adversa.Cli;

/// <summary>The options every training command shares, and the one order in which they apply: preset &lt; --config file &lt; named options &lt; --set.</summary>
public sealed class ConfigurationOptions
{
    /// <summary>--data.</summary>
    public Option<string?> Data { get; } = new("--data") { Description = "Data-set name or path (see adversa datasets)." };
    /// <summary>--out.</summary>
    public Option<string?> Out { get; } = new("--out") { Description = "Run directory (default: runs/PRESET, or runs/PRESET-N if taken)." };
    /// <summary>--seed.</summary>
    public Option<long?> Seed { get; } = new("--seed") { Description = "The one seed that makes the run reproducible." };
    /// <summary>--device.</summary>
    public Option<string?> Device { get; } = new("--device") { Description = "cpu, cuda or cuda:N." };
    /// <summary>--config.</summary>
    public Option<string?> ConfigFile { get; } = new("--config") { Description = "A JSON file of key: value settings, applied after the preset." };
    /// <summary>--set, repeatable.</summary>
    public Option<string[]> Settings { get; } = new("--set") { Description = "key=value, applied last; repeatable.", AllowMultipleArgumentsPerToken = false };

    /// <summary>All of them, to add to a command.</summary>
    public IEnumerable<Option> All => [Data, Out, Seed, Device, ConfigFile, Settings];

    /// <summary>The preset's configuration with the --config file, then <paramref name="applyNamed"/> (the named options), then every --set applied.</summary>
    public TConfig Resolve<TConfig>(ParseResult parse, TConfig preset, Func<TConfig, TConfig> applyNamed) where TConfig : class
    {
        var config = preset;
        if (parse.GetValue(ConfigFile) is { } file)
            config = ConfigOverrides.ApplyFile(config, file);
        config = applyNamed(config);
        foreach (var assignment in parse.GetValue(Settings) ?? [])
            config = ConfigOverrides.ApplyAssignment(config, assignment);
        return config;
    }

    /// <summary>--out, or the first free runs/PRESET[-N].</summary>
    public string RunDirectory(ParseResult parse, string presetName)
    {
        if (parse.GetValue(Out) is { } chosen)
            return chosen;
        var candidate = Path.Combine("runs", presetName);
        for (var suffix = 2; Directory.Exists(candidate); suffix++)
            candidate = Path.Combine("runs", $"{presetName}-{suffix}");
        return candidate;
    }
}
