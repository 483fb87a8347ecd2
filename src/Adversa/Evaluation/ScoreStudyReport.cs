using System.Globalization;
using System.Text;
using Adversa.Imaging;
using Adversa.Runtime;

namespace Adversa.Evaluation;

/// <summary>One checkpoint of a score study, scored: a seed's critic after some epochs.</summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="Epoch">Epochs the critic had trained.</param>
/// <param name="Separation">Its scores of the test classes, shifted, with every pair's ROC AUC.</param>
public sealed record ScoreStudyPoint(long Seed, int Epoch, ScoreSeparation Separation);

/// <summary>The tables and the page of a score study (seed 003): which class pairs the critics separate, per seed and epoch, and how consistently.</summary>
public sealed class ScoreStudyReport
{
    private readonly IReadOnlyList<ScoreStudyPoint> _points;
    private readonly List<string> _classes;

    /// <summary>A report on <paramref name="points"/>, which must all score the same classes.</summary>
    public ScoreStudyReport(string preset, string data, IReadOnlyList<ScoreStudyPoint> points)
    {
        if (points.Count == 0)
            throw new ArgumentException("a study needs at least one scored checkpoint", nameof(points));
        _classes = [.. points[0].Separation.ClassNames];
        if (points.Any(p => !p.Separation.ClassNames.SequenceEqual(_classes)))
            throw new ArgumentException("every point must score the same classes in the same order", nameof(points));
        _points = [.. points.OrderBy(p => p.Seed).ThenBy(p => p.Epoch)];
        Preset = preset;
        Data = data;
        Seeds = [.. _points.Select(p => p.Seed).Distinct()];
        Epochs = [.. _points.Select(p => p.Epoch).Distinct().Order()];
    }

    /// <summary>The trained preset.</summary>
    public string Preset { get; }
    /// <summary>The scored images.</summary>
    public string Data { get; }
    /// <summary>Seeds, ascending.</summary>
    public IReadOnlyList<long> Seeds { get; }
    /// <summary>Epochs, ascending.</summary>
    public IReadOnlyList<int> Epochs { get; }

    /// <summary>The class pairs (first before second in the scored order).</summary>
    public IReadOnlyList<(string First, string Second)> Pairs =>
        [.. from i in Enumerable.Range(0, _classes.Count) from j in Enumerable.Range(i + 1, _classes.Count - i - 1) select (_classes[i], _classes[j])];

    /// <summary>How many pairs the critic of <paramref name="seed"/> separates after <paramref name="epoch"/> epochs.</summary>
    public int SeparatedCount(long seed, int epoch) => Point(seed, epoch).Separation.SeparatedPairs.Count();

    /// <summary>Pairs separated after <paramref name="epoch"/> epochs by every seed's critic.</summary>
    public int SeparatedByAll(int epoch) => Pairs.Count(pair => Seeds.All(seed => IsSeparated(seed, epoch, pair)));

    /// <summary>Pairs separated after <paramref name="epoch"/> epochs by some seed's critic but not by another's.</summary>
    public int Disputed(int epoch) => Pairs.Count(pair => Seeds.Any(seed => IsSeparated(seed, epoch, pair)) && !Seeds.All(seed => IsSeparated(seed, epoch, pair)));

    /// <summary>Pairs no seed's critic separates after <paramref name="epoch"/> epochs.</summary>
    public IReadOnlyList<(string First, string Second)> Unseparated(int epoch) => [.. Pairs.Where(pair => !Seeds.Any(seed => IsSeparated(seed, epoch, pair)))];

    /// <summary>first,second,seed,epoch,auc,separated: one row per pair, seed and epoch.</summary>
    public string SeparationCsv()
    {
        var text = new StringBuilder().AppendLine("first,second,seed,epoch,auc,separated");
        foreach (var point in _points)
            foreach (var (first, second) in Pairs)
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Csv.Field(first)},{Csv.Field(second)},{point.Seed},{point.Epoch},{Auc(point, first, second):F4},{(IsSeparated(point, first, second) ? 1 : 0)}"));
        return text.ToString();
    }

    /// <summary>Per epoch: the count each seed separates, the count all separate, and the disputed count.</summary>
    public IReadOnlyList<IReadOnlyList<string>> SummaryRows() =>
        [.. Epochs.Select(epoch => (IReadOnlyList<string>)[
            epoch.ToString(CultureInfo.InvariantCulture),
            .. Seeds.Select(seed => $"{SeparatedCount(seed, epoch)} of {Pairs.Count}"),
            $"{SeparatedByAll(epoch)}",
            $"{Disputed(epoch)}"])];

    /// <summary>The summary's header.</summary>
    public IReadOnlyList<string> SummaryHeader => ["epochs", .. Seeds.Select(s => $"seed {s}: pairs separated"), "by every seed", "by some, not all"];

    /// <summary>
    /// The self-contained page: the summary, per seed and epoch the figures <paramref name="figures"/> gives (the
    /// generated grid, the histogram, the zoom), and every pair's AUC.
    /// </summary>
    public string Page(Func<ScoreStudyPoint, IReadOnlyList<byte[]>> figures)
    {
        var page = new HtmlReport($"Seed 003: when do the critic's scores separate the classes? ({Preset})")
            .Paragraph($"Each seed trains one run of {Preset}; the critic kept after {string.Join(", ", Epochs)} epochs scores {Data} " +
                $"(drawn independently of the training images), scores shifted so that {_points[0].Separation.Reference} has mean 0. " +
                $"A pair of classes counts as separated when its ROC AUC is at most {0.5 - ScoreSeparation.SeparatedAucMargin:F1} or at least {0.5 + ScoreSeparation.SeparatedAucMargin:F1}.")
            .Section("Pairs separated").Grid(SummaryHeader, SummaryRows());
        var last = Epochs[^1];
        var unseparated = Unseparated(last);
        page.Paragraph(unseparated.Count == 0 ? $"After {last} epochs every pair is separated by some seed's critic."
            : $"After {last} epochs no seed's critic separates: {string.Join("; ", unseparated.Select(p => $"{p.First} / {p.Second}"))}.");
        foreach (var seed in Seeds)
        {
            page.Section($"Seed {seed}: generated images, score histograms, the two circles of the seed's zoom");
            foreach (var epoch in Epochs)
            {
                var point = Point(seed, epoch);
                page.Subsection($"after {epoch} epochs: {SeparatedCount(seed, epoch)} of {Pairs.Count} pairs separated").BeginRow();
                foreach (var (png, i) in figures(point).Select((png, i) => (png, i)))
                    page.Figure(png, i switch { 0 => "generated (fixed latent batch)", 1 => "scores per class", _ => "zoom" });
                page.EndRow();
            }
        }
        page.Section("ROC AUC of every pair (P(first scores higher); * separated)").Grid(
            ["first", "second", .. _points.Select(p => $"seed {p.Seed}, {p.Epoch} ep.")],
            Pairs.Select(pair => (IReadOnlyList<string>)[pair.First, pair.Second,
                .. _points.Select(p => Auc(p, pair.First, pair.Second).ToString("F3", CultureInfo.InvariantCulture) + (IsSeparated(p, pair.First, pair.Second) ? " *" : ""))]));
        return page.ToString();
    }

    private ScoreStudyPoint Point(long seed, int epoch) =>
        _points.FirstOrDefault(p => p.Seed == seed && p.Epoch == epoch) ?? throw new ArgumentException($"no point for seed {seed} after {epoch} epochs");

    private bool IsSeparated(long seed, int epoch, (string First, string Second) pair) => IsSeparated(Point(seed, epoch), pair.First, pair.Second);

    private bool IsSeparated(ScoreStudyPoint point, string first, string second) => point.Separation.Separates(_classes.IndexOf(first), _classes.IndexOf(second));

    private double Auc(ScoreStudyPoint point, string first, string second) => point.Separation.Auc[_classes.IndexOf(first), _classes.IndexOf(second)];
}
