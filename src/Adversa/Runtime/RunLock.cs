using System.Diagnostics;
using System.Globalization;

namespace Adversa.Runtime;

/// <summary>
/// One process at a time in a run directory: an exclusive lock on its <c>run.lock</c> file, which the operating system
/// releases when the process ends however it ends, so a lock left by a killed process is simply free again. The
/// holder's process id and start time are written beside it (<c>run.lock.owner</c>) to name it to whoever is refused.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name in a run directory.</summary>
    public const string FileName = "run.lock";

    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private RunLock(FileStream held, string ownerPath)
    {
        _lock = held;
        _ownerPath = ownerPath;
    }

    /// <summary>Takes the lock of <paramref name="directory"/> (created if missing); another live process holding it is an error naming it.</summary>
    public static RunLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var ownerPath = path + ".owner";
        FileStream held;
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix and a sharing lock on Windows.
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var owner = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "another process";
            throw new InvalidInputException("out", directory, $"is in use by {owner}; wait for it to finish or stop it");
        }
        using var self = Process.GetCurrentProcess();
        AtomicFile.WriteAllText(ownerPath, string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, started {self.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC"));
        return new RunLock(held, ownerPath);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        File.Delete(_ownerPath);
        _lock.Dispose();
    }
}
