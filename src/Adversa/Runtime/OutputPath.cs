namespace Adversa.Runtime;

/// <summary>Checks, before any work starts, that an output can be written where the user asked, so that a mistake costs seconds, not a training run.</summary>
public static class OutputPath
{
    /// <summary>A folder to write into: an existing folder or a new one whose nearest existing ancestor is a writable folder.</summary>
    public static void CheckDirectory(string path, string setting)
    {
        if (File.Exists(path))
            throw new InvalidInputException(setting, path, "is a file, not a folder");
        CheckWritable(Directory.Exists(path) ? path : NearestExisting(path, setting), path, setting);
    }

    /// <summary>A file to write: not a folder, in a folder that exists or can be made, and can be written.</summary>
    public static void CheckFile(string path, string setting)
    {
        if (Directory.Exists(path))
            throw new InvalidInputException(setting, path, "is a folder, not a file");
        var parent = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CheckWritable(Directory.Exists(parent) ? parent : NearestExisting(parent, setting), path, setting);
    }

    private static string NearestExisting(string path, string setting)
    {
        var current = Path.GetDirectoryName(Path.GetFullPath(path));
        while (current is not null && !Directory.Exists(current))
        {
            if (File.Exists(current))
                throw new InvalidInputException(setting, path, $"cannot be made: {current} is a file");
            current = Path.GetDirectoryName(current);
        }
        return current ?? throw new InvalidInputException(setting, path, "has no existing folder above it");
    }

    // The one sure test of permission (and of a read-only file system) is to write.
    private static void CheckWritable(string folder, string path, string setting)
    {
        var probe = Path.Combine(folder, $".adversa-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(setting, path, $"cannot be written ({folder}: {error.Message})", error);
        }
    }
}
