using System.Globalization;
using Adversa.Runtime;

namespace Adversa.Training;

/// <summary>losses.csv: a header and one row per iteration, appended as training goes.</summary>
public sealed class LossLog : IDisposable
{
    /// <summary>The header row.</summary>
    public const string Header = "iteration,epoch,d_loss,g_loss,gp,wasserstein";

    private readonly StreamWriter _writer;
    private readonly List<LossRecord> _records;

    private LossLog(string path, List<LossRecord> records)
    {
        Path = path;
        _records = records;
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = false };
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Every row logged so far, including those kept from before a resume.</summary>
    public IReadOnlyList<LossRecord> Records => _records;

    /// <summary>Starts a new log with only the header.</summary>
    public static LossLog Create(string path)
    {
        AtomicFile.WriteAllText(path, Header + "\n");
        return new LossLog(path, []);
    }

    /// <summary>Reopens a log for a resumed run, dropping rows after <paramref name="lastIteration"/> (written after the checkpoint, before the interruption).</summary>
    public static LossLog Resume(string path, long lastIteration)
    {
        var kept = File.Exists(path) ? Read(path).Where(r => r.Iteration <= lastIteration).ToList() : [];
        AtomicFile.WriteAllText(path, Header + "\n" + string.Concat(kept.Select(r => Format(r) + "\n")));
        return new LossLog(path, kept);
    }

    /// <summary>Appends a row (buffered until <see cref="Flush"/>).</summary>
    public void Append(LossRecord record)
    {
        _records.Add(record);
        _writer.Write(Format(record));
        _writer.Write('\n');
    }

    /// <summary>Writes buffered rows to disk.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Parses a losses.csv file.</summary>
    public static List<LossRecord> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
            throw new InvalidInputException($"{path}: not a losses.csv file (expected the header '{Header}')");
        var records = new List<LossRecord>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            // A row cut short by a killed process is not data.
            if (fields.Length != 6 || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var iteration))
                continue;
            records.Add(new LossRecord(iteration, int.Parse(fields[1], CultureInfo.InvariantCulture),
                double.Parse(fields[2], CultureInfo.InvariantCulture), double.Parse(fields[3], CultureInfo.InvariantCulture),
                Optional(fields[4]), Optional(fields[5])));
        }
        return records;
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static double? Optional(string field) => field.Length == 0 ? null : double.Parse(field, CultureInfo.InvariantCulture);

    private static string Format(LossRecord r) => string.Join(',',
        r.Iteration.ToString(CultureInfo.InvariantCulture), r.Epoch.ToString(CultureInfo.InvariantCulture),
        r.CriticLoss.ToString("R", CultureInfo.InvariantCulture), r.GeneratorLoss.ToString("R", CultureInfo.InvariantCulture),
        r.Penalty?.ToString("R", CultureInfo.InvariantCulture) ?? "", r.WassersteinEstimate?.ToString("R", CultureInfo.InvariantCulture) ?? "");
}
