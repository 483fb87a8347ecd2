using System.Globalization;

namespace Adversa.Training.Outputs;

/// <summary>One completed epoch's place in time, and its mean losses and critic scores.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Iteration">Generator steps done at its end.</param>
/// <param name="Seconds">Training wall time up to its end, summed over resumed sessions.</param>
/// <param name="FinishedAt">When it ended (UTC).</param>
/// <param name="Means">The epoch's means of <see cref="MeanColumns"/> (null where none was logged, and in rows written before they were).</param>
internal sealed record EpochTime(int Epoch, long Iteration, double Seconds, DateTimeOffset FinishedAt, IReadOnlyList<double?>? Means = null)
{
    /// <summary>The values whose epoch means epochs.csv holds, after its time columns.</summary>
    public static readonly string[] MeanColumns = ["d_loss", "g_loss", GanStep.ScoreReal, GanStep.ScoreFake];
}

/// <summary>epochs.csv: when each epoch ended, for the report's timing, and its mean losses and critic scores (a resumed run keeps the rows up to its checkpoint).</summary>
internal static class EpochTimes
{
    /// <summary>The header row.</summary>
    public static readonly string Header = "epoch,iteration,seconds,finished_at," + string.Join(',', EpochTime.MeanColumns);

    /// <summary>The rows of <paramref name="path"/> (none when it is missing); unreadable rows are skipped.</summary>
    public static List<EpochTime> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        var rows = new List<EpochTime>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f.Length >= 4 && int.TryParse(f[0], CultureInfo.InvariantCulture, out var epoch) && long.TryParse(f[1], CultureInfo.InvariantCulture, out var iteration)
                && double.TryParse(f[2], CultureInfo.InvariantCulture, out var seconds) && DateTimeOffset.TryParse(f[3], CultureInfo.InvariantCulture, out var at))
                rows.Add(new EpochTime(epoch, iteration, seconds, at, [.. f.Skip(4).Select(ParseMean)]));
        }
        return rows;
    }

    /// <summary>Drops the rows of epochs after <paramref name="epoch"/> (written before a kill that came before their checkpoint).</summary>
    public static void DropAfter(string path, int epoch)
    {
        if (File.Exists(path) && Read(path).Any(t => t.Epoch > epoch))
            EpochRows.Keep(path, Header, epoch);
    }

    /// <summary>Writes <paramref name="row"/>, keeping only earlier epochs' rows before it.</summary>
    public static void Append(string path, EpochTime row) =>
        EpochRows.Write(path, Header, row.Epoch, string.Create(CultureInfo.InvariantCulture, $"{row.Epoch},{row.Iteration},{row.Seconds:F3},{row.FinishedAt:O}")
            + string.Concat(EpochTime.MeanColumns.Select((_, i) => "," + (row.Means?.ElementAtOrDefault(i)?.ToString("G7", CultureInfo.InvariantCulture) ?? ""))));

    private static double? ParseMean(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
