using System.Globalization;
using System.Text;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// The per-epoch CSV files of a run (metrics.csv, epochs.csv), whose first column is the epoch: writing an epoch's
/// row drops the rows of that epoch and later ones, which a run killed after writing them and resumed from the
/// checkpoint before would otherwise repeat.
/// </summary>
internal static class EpochRows
{
    /// <summary>Rewrites <paramref name="path"/> atomically: <paramref name="header"/>, the rows of epochs before <paramref name="epoch"/>, then <paramref name="row"/>.</summary>
    public static void Write(string path, string header, int epoch, string row) =>
        AtomicFile.WriteAllText(path, Before(path, header, epoch).AppendLine(row).ToString());

    /// <summary>Rewrites <paramref name="path"/> atomically with only the rows of epochs up to <paramref name="epoch"/>.</summary>
    public static void Keep(string path, string header, int epoch) =>
        AtomicFile.WriteAllText(path, Before(path, header, epoch + 1).ToString());

    private static StringBuilder Before(string path, string header, int epoch)
    {
        var text = new StringBuilder().AppendLine(header);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Skip(1))
                if (int.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out var e) && e < epoch)
                    text.AppendLine(line);
        }
        return text;
    }
}
