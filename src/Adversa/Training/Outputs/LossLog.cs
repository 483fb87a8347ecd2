using System.Globalization;
using Adversa.Runtime;

namespace Adversa.Training.Outputs;

/// <summary>
/// losses.csv: <c>iteration,epoch,d_loss,g_loss</c> and a column per scalar the loss and regulariser report, one row
/// per generator step, appended as training goes. The header is written with the first row, whose scalars name the
/// extra columns; a later row without one of them (a lazily computed penalty) leaves its cell empty.
/// </summary>
public sealed class LossLog : IDisposable
{
    /// <summary>The columns every losses.csv starts with.</summary>
    public const string FixedColumns = "iteration,epoch,d_loss,g_loss";

    private readonly StreamWriter _writer;
    private string? _header;
    private string[] _scalarColumns;

    private LossLog(string path, string? header)
    {
        Path = path;
        _header = header;
        _scalarColumns = header is null ? [] : ScalarColumnsOf(header);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = false };
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>Starts a new, empty log (the header comes with the first row).</summary>
    public static LossLog Create(string path)
    {
        AtomicFile.WriteAllText(path, "");
        return new LossLog(path, null);
    }

    /// <summary>Reopens a log for a resumed run, dropping rows after <paramref name="lastIteration"/> (written after the checkpoint, before the interruption) and any torn last row.</summary>
    public static LossLog Resume(string path, long lastIteration)
    {
        var (header, kept) = File.Exists(path) ? ReadWithHeader(path) : (null, []);
        kept = [.. kept.Where(r => r.Iteration <= lastIteration)];
        var columns = header is null ? [] : ScalarColumnsOf(header);
        AtomicFile.WriteAllText(path, header is null ? "" : header + "\n" + string.Concat(kept.Select(r => Format(r, columns) + "\n")));
        return new LossLog(path, header);
    }

    /// <summary>Appends a row (buffered until <see cref="Flush"/>).</summary>
    public void Append(LossRecord record)
    {
        if (_header is null)
        {
            _header = string.Join(',', [FixedColumns, .. record.Scalars.Select(s => s.Name)]);
            _scalarColumns = ScalarColumnsOf(_header);
            _writer.Write(_header);
            _writer.Write('\n');
        }
        else if (record.Scalars.Select(s => s.Name).FirstOrDefault(name => !_scalarColumns.Contains(name)) is { } extra)
            throw new InvalidOperationException($"{Path}: a row with a value '{extra}' does not fit the header '{_header}'");
        _writer.Write(Format(record, _scalarColumns));
        _writer.Write('\n');
    }

    /// <summary>Writes buffered rows to disk.</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Parses a losses.csv file (an empty file has no rows; a torn last row is skipped).</summary>
    public static List<LossRecord> Read(string path) => ReadWithHeader(path).Records;

    private static (string? Header, List<LossRecord> Records) ReadWithHeader(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            return (null, []);
        var columns = lines[0].Split(',');
        if (!lines[0].StartsWith(FixedColumns, StringComparison.Ordinal))
            throw new InvalidInputException($"{path}: not a losses.csv file (expected a header starting '{FixedColumns}')");
        var names = columns[4..];
        var records = new List<LossRecord>(lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            // A row cut short by a killed process is not data.
            if (fields.Length != columns.Length || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var iteration)
                || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var epoch)
                || !TryNumber(fields[2], out var criticLoss) || !TryNumber(fields[3], out var generatorLoss))
                continue;
            // Files of earlier versions hold empty cells where a run had no such value.
            var scalars = new List<NamedValue>(names.Length);
            for (var i = 0; i < names.Length; i++)
                if (TryNumber(fields[4 + i], out var value))
                    scalars.Add(new NamedValue(names[i], value));
            records.Add(new LossRecord(iteration, epoch, criticLoss, generatorLoss, scalars));
        }
        return (lines[0], records);
    }

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();

    private static bool TryNumber(string field, out double value) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string[] ScalarColumnsOf(string header) => header.Split(',')[4..];

    // A value the row lacks is an empty cell, as pandas and spreadsheets read a missing value.
    private static string Format(LossRecord r, string[] scalarColumns) => string.Join(',',
        [r.Iteration.ToString(CultureInfo.InvariantCulture), r.Epoch.ToString(CultureInfo.InvariantCulture),
        r.CriticLoss.ToString("R", CultureInfo.InvariantCulture), r.GeneratorLoss.ToString("R", CultureInfo.InvariantCulture),
        .. scalarColumns.Select(name => r.Scalar(name)?.ToString("R", CultureInfo.InvariantCulture) ?? "")]);
}
