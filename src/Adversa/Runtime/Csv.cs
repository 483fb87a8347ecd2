using System.Text;

namespace Adversa.Runtime;

/// <summary>
/// The little CSV our files need (RFC 4180 quoting of fields holding commas or quotes). The mirror's CsvHelper
/// is version 34, a rewrite whose API we have not adopted; four columns do not warrant it.
/// </summary>
internal static class Csv
{
    /// <summary><paramref name="value"/> as one field: quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;

    /// <summary>The fields of one line written with <see cref="Field"/>.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
