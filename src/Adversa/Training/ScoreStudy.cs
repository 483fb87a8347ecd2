using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training.Outputs;

namespace Adversa.Training;

/// <summary>
/// Seed 003's question, "how early in training do the critic's scores separate the classes?", as one study: for each
/// seed, one run trained to the last of the chosen epochs that keeps a checkpoint at each of them (the same
/// networks a run stopped there would have, since nothing in training depends on the final epoch), each kept
/// critic scoring an independent draw of the test classes, scores shifted so that a reference class sits at 0.
/// Layout under the study's folder: <c>runs/seed_S/</c> (ordinary run directories, resumable), <c>seed_S/epoch_NNNN/</c>
/// (scores.csv, histogram.png, zoom.png, auc.csv), <c>separation.csv</c> (every pair at every seed and epoch) and
/// <c>study.html</c> (one page: grids beside histograms, the pair table).
/// </summary>
public sealed class ScoreStudy
{
    /// <summary>The seed's reference class, whose mean score is subtracted from all.</summary>
    public const string SeedReference = "square (0.85, +1) 0.03";

    /// <summary>The seed's training lengths.</summary>
    public static IReadOnlyList<int> SeedEpochs { get; } = [10, 20, 100];

    /// <summary>The two classes the seed zooms in on: same shape and colour, different noise.</summary>
    public static IReadOnlyList<string> SeedZoom { get; } = ["circle (0.85, -1) 0.03", "circle (0.85, -1) 0.01"];

    /// <summary>A study of <paramref name="config"/> (its seed and length are the study's) in <paramref name="directory"/>.</summary>
    public ScoreStudy(TrainingConfig config, IReadOnlyList<int> epochs, IReadOnlyList<long> seeds, string directory, string data = "shapes-test", string reference = SeedReference)
    {
        if (epochs.Count == 0 || epochs.Any(e => e <= 0) || epochs.Distinct().Count() != epochs.Count)
            throw new InvalidInputException("epochs", string.Join(",", epochs), "distinct positive epoch counts, e.g. 10,20,100");
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count)
            throw new InvalidInputException("seeds", string.Join(",", seeds), "one or more distinct seeds, e.g. 1,2");
        Epochs = [.. epochs.Order()];
        Seeds = seeds;
        Directory = directory;
        Data = data;
        Reference = reference;
        Config = config with
        {
            Epochs = Epochs[^1],
            CheckpointEvery = Epochs.Aggregate(GreatestCommonDivisor),
            Precision = MixedPrecision.Resolve(config.Precision),
        };
        ConfigValidation.Validate(Config);
    }

    /// <summary>The runs' configuration, but for the seed.</summary>
    public TrainingConfig Config { get; }
    /// <summary>Epochs at which the critics are scored, ascending.</summary>
    public IReadOnlyList<int> Epochs { get; }
    /// <summary>One run per seed.</summary>
    public IReadOnlyList<long> Seeds { get; }
    /// <summary>The study's folder.</summary>
    public string Directory { get; }
    /// <summary>The scored images (a data-set name or path; generated sets are drawn with each run's seed).</summary>
    public string Data { get; }
    /// <summary>Class whose mean score is 0.</summary>
    public string Reference { get; }

    /// <summary>The page.</summary>
    public string PagePath => Path.Combine(Directory, "study.html");

    /// <summary>Every pair's AUC at every seed and epoch.</summary>
    public string SeparationCsvPath => Path.Combine(Directory, "separation.csv");

    /// <summary>The run directory of <paramref name="seed"/>.</summary>
    public string RunDirectory(long seed) => Path.Combine(Directory, "runs", string.Create(CultureInfo.InvariantCulture, $"seed_{seed}"));

    /// <summary>Where the scores of <paramref name="seed"/>'s critic after <paramref name="epoch"/> epochs go.</summary>
    public string ScoresDirectory(long seed, int epoch) => Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"seed_{seed}"), $"epoch_{epoch:D4}");

    /// <summary>
    /// The trainer that brings <paramref name="seed"/>'s run to the last epoch: a new run, the resumption of one that
    /// stopped early, or null when the run is complete. A run of another configuration in its place is refused.
    /// </summary>
    public GanTrainer? PrepareRun(long seed)
    {
        var directory = RunDirectory(seed);
        var layout = new RunLayout(directory);
        var wanted = Config with { Seed = seed };
        if (!File.Exists(layout.LastCheckpointPath))
            return File.Exists(layout.ConfigPath) ? TrainingRun.Resume(directory) : TrainingRun.Start(wanted, directory);
        var checkpoint = TrainingCheckpoint.ReadRun(directory);
        if (checkpoint.Config.ToJson() != wanted.ToJson())
            throw new InvalidInputException("out", Directory, $"{directory} holds a run of another configuration than this study's (remove it, or choose another folder)");
        return checkpoint.CompletedEpochs >= Config.Epochs ? null : TrainingRun.Resume(directory);
    }

    /// <summary>Scores the kept critics of <paramref name="seed"/>'s complete run, writing each one's scores, histograms and AUC matrix.</summary>
    public IReadOnlyList<ScoreStudyPoint> Score(long seed)
    {
        var data = DataSource.Resolve(Data);
        var points = new List<ScoreStudyPoint>();
        foreach (var epoch in Epochs)
        {
            IReadOnlyList<ImageScore> scores;
            using (var critic = TrainedCritic.Load(RunDirectory(seed), epoch))
                scores = critic.Score(data, seed);
            var separation = ScoreSeparation.Of(scores, Reference);
            var folder = ScoresDirectory(seed, epoch);
            System.IO.Directory.CreateDirectory(folder);
            ScoreFile.Save(Path.Combine(folder, "scores.csv"), scores);
            AtomicFile.WriteAllText(Path.Combine(folder, "auc.csv"), separation.AucCsv());
            AtomicFile.WriteAllBytes(Path.Combine(folder, "histogram.png"), ScoreHistogram.ToPng(separation));
            if (SeedZoom.All(separation.ClassNames.Contains))
                AtomicFile.WriteAllBytes(Path.Combine(folder, "zoom.png"), ScoreHistogram.ToPng(separation, bins: 60, classes: SeedZoom.ToList()));
            points.Add(new ScoreStudyPoint(seed, epoch, separation));
        }
        return points;
    }

    /// <summary>Writes separation.csv and study.html from the points of every seed.</summary>
    public void WriteSummary(IReadOnlyList<ScoreStudyPoint> points)
    {
        var report = new ScoreStudyReport(Config.Preset, Data, points);
        AtomicFile.WriteAllText(SeparationCsvPath, report.SeparationCsv());
        AtomicFile.WriteAllText(PagePath, report.Page(point =>
        {
            var grid = new RunLayout(RunDirectory(point.Seed)).SampleGridPath(point.Epoch);
            var folder = ScoresDirectory(point.Seed, point.Epoch);
            return [.. new[] { grid, Path.Combine(folder, "histogram.png"), Path.Combine(folder, "zoom.png") }.Where(File.Exists).Select(File.ReadAllBytes)];
        }));
    }

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);
}
