using System.Globalization;
using System.Text;
using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>scores.csv of <c>adversa score</c>: image,label,class,score, one row per image.</summary>
public static class ScoreFile
{
    /// <summary>The header row.</summary>
    public const string Header = "image,label,class,score";

    /// <summary>Writes <paramref name="scores"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, IEnumerable<ImageScore> scores)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var s in scores)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{s.Image},{s.Label},{Csv.Field(s.ClassName)},{s.Score:R}"));
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a file written by <see cref="Save"/>; a malformed row is an error naming the file and line.</summary>
    public static IReadOnlyList<ImageScore> Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidInputException($"{path}: scores file not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            throw new InvalidInputException($"{path}: expected the header '{Header}' (a file written by adversa score)");
        var scores = new List<ImageScore>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var fields = Csv.Split(lines[i]);
            if (fields.Count != 4
                || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var image)
                || !long.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label)
                || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var score))
                throw new InvalidInputException($"{path}: line {i + 1}: expected image,label,class,score, got '{lines[i]}'");
            scores.Add(new ImageScore(image, label, fields[2], score));
        }
        return scores;
    }
}
