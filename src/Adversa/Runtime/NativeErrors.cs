namespace Adversa.Runtime;

/// <summary>libtorch's errors, as a user should see them: what went wrong, without the native backtrace that follows it.</summary>
public static class NativeErrors
{
    /// <summary>The first non-empty line of <paramref name="error"/>'s message, without libtorch's "Exception raised from ..." tail.</summary>
    public static string FirstLine(Exception error)
    {
        var line = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? error.GetType().Name;
        var tail = line.IndexOf("Exception raised from", StringComparison.Ordinal);
        return (tail > 0 ? line[..tail] : line).Trim();
    }
}
