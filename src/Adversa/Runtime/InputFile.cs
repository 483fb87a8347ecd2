namespace Adversa.Runtime;

/// <summary>Reads a file the program wrote earlier (a run's config.json, metrics.json) without trusting it: any parse failure becomes a one-line error naming the file.</summary>
public static class InputFile
{
    /// <summary><paramref name="parse"/> of <paramref name="path"/>'s text; a failure names the file and what it is.</summary>
    public static T Parse<T>(string path, string what, Func<string, T> parse)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException error)
        {
            throw new InvalidInputException($"{path}: cannot be read ({error.Message})", error);
        }
        try
        {
            return parse(text);
        }
        catch (Exception error) when (error is System.Text.Json.JsonException or FormatException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidInputException($"{path}: not a readable {what} ({error.Message.ReplaceLineEndings(" ")})", error);
        }
    }
}
