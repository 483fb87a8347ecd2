using System.Diagnostics;

namespace Adversa.Training.Outputs;

/// <summary>
/// Lets a costly derived file (report.html, losses.png) be redrawn at most once per interval of training, and always
/// when training stops: a short epoch would otherwise pay seconds of drawing every few steps.
/// </summary>
internal sealed class Throttle(TimeSpan interval)
{
    private readonly Stopwatch _sinceLast = new();

    /// <summary>Whether the interval has passed since the last time this said yes (yes the first time).</summary>
    public bool Due()
    {
        if (_sinceLast.IsRunning && _sinceLast.Elapsed < interval)
            return false;
        _sinceLast.Restart();
        return true;
    }
}
