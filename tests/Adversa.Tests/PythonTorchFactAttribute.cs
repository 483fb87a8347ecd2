namespace Adversa.Tests;

/// <summary>
/// A test that runs Debian's python3 with PyTorch (python3-torch): skipped, with the reason, where that python3
/// cannot import torch; .ci/run installs python3-torch, so CI always runs these.
/// </summary>
public sealed class PythonTorchFactAttribute : FactAttribute
{
    /// <summary>Debian's own interpreter (a pyenv or virtualenv python3 first on PATH lacks the system packages).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            return ChildProcess.Run(Python, ["-c", "import torch"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public PythonTorchFactAttribute()
    {
        if (!Available.Value)
            Skip = $"{Python} cannot import torch (apt-get install python3-torch)";
    }
}
