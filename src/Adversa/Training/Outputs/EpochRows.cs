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
    public static void Write(string path, string header, int epoch, string row)
    {
        var text = new StringBuilder().AppendLine(header);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path).Skip(1))
                if (int.TryParse(line.Split(',')[0], CultureInfo.InvariantCulture, out var e) && e < epoch)
                    text.AppendLine(line);
        }
        AtomicFile.WriteAllText(path, text.AppendLine(row).ToString());
    }
}
