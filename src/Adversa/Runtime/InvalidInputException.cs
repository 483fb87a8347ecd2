namespace Adversa.Runtime;

/// <summary>
/// A problem with what the user supplied (a file, a setting, an argument); its message is one line that names the
/// culprit. When the culprit is a setting, <see cref="Setting"/> holds its configuration key or argument name
/// (<c>data</c>, <c>batch_size</c>, <c>count</c>), so that a front end can name it in its own terms (a command line,
/// its flag).
/// </summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>A problem whose <paramref name="message"/> names the file or thing at fault itself.</summary>
    public InvalidInputException(string message, Exception? inner = null) : base(message, inner) => Problem = message;

    /// <summary>A problem with the setting <paramref name="setting"/> whose value is <paramref name="value"/> (null to leave the value out).</summary>
    public InvalidInputException(string setting, string? value, string problem, Exception? inner = null)
        : base(value is null ? $"{setting}: {problem}" : $"{setting} {value}: {problem}", inner)
    {
        Setting = setting;
        Value = value;
        Problem = problem;
    }

    /// <summary>The configuration key or argument at fault, or null when the message names a file.</summary>
    public string? Setting { get; }

    /// <summary>The value given for <see cref="Setting"/>, when the message shows it.</summary>
    public string? Value { get; }

    /// <summary>What is wrong, without the setting's name.</summary>
    public string Problem { get; }

    /// <summary>The message with the setting shown as <paramref name="shownAs"/> (a command-line flag, say).</summary>
    public string MessageNaming(string shownAs) =>
        Setting is null ? Message : Value is null ? $"{shownAs}: {Problem}" : $"{shownAs} {Value}: {Problem}";
}
