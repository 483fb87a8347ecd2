namespace Adversa.Training;

/// <summary>The files of a run directory (SPEC section 3).</summary>
public sealed record RunLayout(string Root)
{
    /// <summary>The resolved configuration, frozen before training starts.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");
    /// <summary>Checkpoints folder.</summary>
    public string CheckpointsDirectory => Path.Combine(Root, "checkpoints");
    /// <summary>The checkpoint written at every epoch end.</summary>
    public string LastCheckpointPath => Path.Combine(CheckpointsDirectory, "last.ckpt");
    /// <summary>The checkpoint kept at the end of epoch <paramref name="epoch"/> (checkpoint_every).</summary>
    public string KeptCheckpointPath(int epoch) => Path.Combine(CheckpointsDirectory, $"epoch_{epoch:D4}.ckpt");
    /// <summary>Per-epoch sample grids from the fixed latent batch.</summary>
    public string SamplesDirectory => Path.Combine(Root, "samples");
    /// <summary>One row per iteration.</summary>
    public string LossesCsvPath => Path.Combine(Root, "losses.csv");
    /// <summary>The loss curves.</summary>
    public string LossesPlotPath => Path.Combine(Root, "losses.png");

    /// <summary>metrics.csv: one row per measurement during training (eval_every).</summary>
    public string MetricsCsvPath => Path.Combine(Root, "metrics.csv");

    /// <summary>epochs.csv: when each epoch ended.</summary>
    public string EpochsCsvPath => Path.Combine(Root, "epochs.csv");

    /// <summary>report.html: the self-contained report.</summary>
    public string ReportPath => Path.Combine(Root, "report.html");

    /// <summary>events/: TensorBoard event files.</summary>
    public string EventsDirectory => Path.Combine(Root, "events");

    /// <summary>evaluation.json: the last result of adversa evaluate.</summary>
    public string EvaluationPath => Path.Combine(Root, "evaluation.json");

    /// <summary>The sample grids through training as an animation.</summary>
    public string ProgressGifPath => Path.Combine(Root, "progress.gif");

    /// <summary>The grid of epoch <paramref name="epoch"/>.</summary>
    public string SampleGridPath(int epoch) => Path.Combine(SamplesDirectory, $"epoch_{epoch:D4}.png");

    /// <summary>The grids of epochs 1 to <paramref name="lastEpoch"/> that exist, in order.</summary>
    public IReadOnlyList<string> SampleGridPaths(int lastEpoch) =>
        [.. Enumerable.Range(1, Math.Max(0, lastEpoch)).Select(SampleGridPath).Where(File.Exists)];
}
