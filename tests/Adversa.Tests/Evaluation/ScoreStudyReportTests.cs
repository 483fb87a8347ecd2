using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Tests.Evaluation;

public sealed class ScoreStudyReportTests
{
    private static ScoreSeparation Separation(double[] a, double[] b, double[] c)
    {
        var scores = new List<ImageScore>();
        foreach (var (name, values, label) in new[] { ("A", a, 0L), ("B", b, 1L), ("C", c, 2L) })
            scores.AddRange(values.Select(v => new ImageScore(scores.Count, label, name, v)));
        return ScoreSeparation.Of(scores, "A");
    }

    [Fact]
    public void Pairs_are_counted_per_seed_agreed_disputed_and_unseparated_as_worked_by_hand()
    {
        // Seed 1: A = {0, 1}, B = {10, 11}, C = {0.5, 1.5}. AUC(A, B) = 0 (separated); AUC(A, C): 1 beats 0.5 only,
        // 1/4 (not); AUC(B, C) = 1 (separated). Seed 2: B and C swap roles: A/B 1/4 (not), A/C 0 and B/C 0 (separated).
        var seed1 = Separation([0, 1], [10, 11], [0.5, 1.5]);
        var seed2 = Separation([0, 1], [0.5, 1.5], [10, 11]);
        Assert.Equal(0.25, seed1.Auc[0, 2]);
        var report = new ScoreStudyReport("demo", "test", [new(2, 10, seed2), new(1, 10, seed1)]);
        Assert.Equal([1L, 2L], report.Seeds);
        Assert.Equal([("A", "B"), ("A", "C"), ("B", "C")], report.Pairs);
        Assert.Equal(2, report.SeparatedCount(1, 10));
        Assert.Equal(2, report.SeparatedCount(2, 10));
        Assert.Equal(1, report.SeparatedByAll(10));      // B/C
        Assert.Equal(2, report.Disputed(10));            // A/B, A/C
        Assert.Empty(report.Unseparated(10));
        Assert.Equal(["10", "2 of 3", "2 of 3", "1", "2"], report.SummaryRows().Single());

        var rows = report.SeparationCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("first,second,seed,epoch,auc,separated", rows[0]);
        Assert.Equal(["A,B,1,10,0.0000,1", "A,C,1,10,0.2500,0", "B,C,1,10,1.0000,1", "A,B,2,10,0.2500,0", "A,C,2,10,0.0000,1", "B,C,2,10,0.0000,1"], rows[1..]);
    }

    [Fact]
    public void The_page_holds_every_figure_and_marks_separated_pairs()
    {
        var separation = Separation([0, 1], [10, 11], [0.5, 1.5]);
        var png = ScoreHistogram.ToPng(separation, width: 200, height: 120);
        var page = new ScoreStudyReport("demo", "test", [new(1, 10, separation), new(1, 20, separation)]).Page(_ => [png, png]);
        Assert.Equal(4, page.Split("data:image/png;base64,").Length - 1);
        Assert.Contains("After 20 epochs no seed&#39;s critic separates: A / C.", page);
        Assert.Contains("<td>0.000 *</td>", page);
        Assert.Contains("<td>0.250</td>", page);
    }

    [Fact]
    public void Points_of_other_classes_cannot_be_compared()
    {
        var three = Separation([0, 1], [10, 11], [0.5, 1.5]);
        var two = ScoreSeparation.Of([new(0, 0, "A", 0), new(1, 1, "B", 1)]);
        Assert.Throws<ArgumentException>(() => new ScoreStudyReport("demo", "test", [new(1, 10, three), new(2, 10, two)]));
        Assert.Throws<ArgumentException>(() => new ScoreStudyReport("demo", "test", []));
    }

    [Fact]
    public void The_shapes_histogram_zooms_on_chosen_classes_and_refuses_unknown_ones()
    {
        var separation = Separation([0, 1], [10, 11], [0.5, 1.5]);
        using var zoom = SkiaSharp.SKBitmap.Decode(ScoreHistogram.ToPng(separation, bins: 10, width: 300, height: 200, classes: ["A", "C"]));
        Assert.Equal(300, zoom.Width);
        Assert.Throws<ArgumentException>(() => ScoreHistogram.ToPng(separation, classes: ["D"]));
    }
}
