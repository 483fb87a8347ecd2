namespace Adversa.Cli;

/// <summary>Default run directories.</summary>
public static class RunDirectories
{
    /// <summary>runs/PRESET, or runs/PRESET-N for the first N that is free.</summary>
    public static string Free(string presetName)
    {
        var candidate = Path.Combine("runs", presetName);
        for (var suffix = 2; Directory.Exists(candidate); suffix++)
            candidate = Path.Combine("runs", $"{presetName}-{suffix}");
        return candidate;
    }
}
