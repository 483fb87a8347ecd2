using System.Globalization;
using Adversa.Runtime;
using Adversa.Training.Outputs;

namespace Adversa.Training.Sweeps;

/// <summary>
/// A study's folder: study.json (the frozen <see cref="SweepStudy"/>), trials.db (the default store), and one run
/// directory per trial under trials/. Run directories are ordinary: <c>adversa report</c>, <c>sample</c> and
/// <c>evaluate</c> take them.
/// </summary>
public sealed class SweepFolder
{
    private SweepFolder(string root, SweepStudy study)
    {
        Root = root;
        Study = study;
    }

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>The study.</summary>
    public SweepStudy Study { get; }

    /// <summary>The study's name in a shared store.</summary>
    public string Name => Study.Name;

    /// <summary>The name a study created in <paramref name="root"/> takes: the folder's.</summary>
    public static string DefaultName(string root) => Path.GetFileName(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>study.json.</summary>
    public string StudyPath => Path.Combine(Root, "study.json");

    /// <summary>The default store: an SQLite file in the folder.</summary>
    public string DefaultStore => Path.Combine(Root, "trials.db");

    /// <summary>The report.</summary>
    public string ReportPath => Path.Combine(Root, "report.html");

    /// <summary>The run directory of trial <paramref name="number"/>.</summary>
    public string TrialDirectory(int number) => Path.Combine(Root, "trials", $"trial_{number:D4}");

    /// <summary>
    /// Creates the study in <paramref name="root"/> (validated, frozen in study.json) and its first round in
    /// <paramref name="store"/>; a folder that already holds the same study is taken as it is, another study is refused.
    /// </summary>
    public static SweepFolder Create(string root, SweepStudy study, Func<SweepFolder, TrialStore> store)
    {
        study.Validate();
        if (File.Exists(Path.Combine(root, "study.json")))
        {
            var existing = Open(root);
            if (existing.Study.ToJson() != study.ToJson())
                throw new InvalidInputException("study", root, "already holds another study (its study.json differs); choose another folder");
            return existing;
        }
        Directory.CreateDirectory(root);
        var folder = new SweepFolder(root, study);
        store(folder).AddRound(0, SweepSampler.FirstRound(study));
        AtomicFile.WriteAllText(folder.StudyPath, study.ToJson());
        return folder;
    }

    /// <summary>The study in <paramref name="root"/>.</summary>
    public static SweepFolder Open(string root)
    {
        var path = Path.Combine(root, "study.json");
        if (!File.Exists(path))
            throw new InvalidInputException("study", root, "holds no study (study.json): create it with adversa sweep run");
        return new SweepFolder(root, InputFile.Parse(path, "study", SweepStudy.FromJson));
    }

    /// <summary>The objective of the finished run in <paramref name="runDirectory"/>: its last FID or KID, or its mean loss over the last epochs.</summary>
    public static double Objective(SweepStudy study, string runDirectory)
    {
        var layout = new RunLayout(runDirectory);
        if (study.Objective is SweepObjective.Fid or SweepObjective.Kid)
        {
            var rows = File.ReadAllLines(layout.MetricsCsvPath);
            var header = Csv.Split(rows[0]);
            var column = header.IndexOf(study.Objective == SweepObjective.Fid ? "fid" : "kid_mean");
            return double.Parse(Csv.Split(rows[^1])[column], CultureInfo.InvariantCulture);
        }
        var means = EpochTimes.Read(layout.EpochsCsvPath).TakeLast(study.LastEpochs).Select(e => e.Means?[study.Objective == SweepObjective.DLoss ? 0 : 1]).ToList();
        return means.All(m => m is not null) && means.Count > 0 ? means.Average(m => m!.Value) : double.NaN;
    }

    /// <summary>Training seconds of the run in <paramref name="runDirectory"/> (summed over its sessions), from epochs.csv.</summary>
    public static double? TrainingSeconds(string runDirectory)
    {
        var path = new RunLayout(runDirectory).EpochsCsvPath;
        return File.Exists(path) ? EpochTimes.Read(path).LastOrDefault()?.Seconds : null;
    }
}
