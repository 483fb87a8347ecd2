using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Tests.Evaluation;

public sealed class ScoreSeparationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Auc_counts_wins_and_half_ties_by_hand()
    {
        // 1 beats 0; 2 ties two 2s (2 x 0.5) and beats 0; 3 beats all three: 6 of 9 pairs.
        Assert.Equal(6.0 / 9, ScoreSeparation.AreaUnderCurve([1, 2, 3], [2, 2, 0]), 12);
        Assert.Equal(1.0, ScoreSeparation.AreaUnderCurve([5, 6], [1, 2, 3]));
        Assert.Equal(0.5, ScoreSeparation.AreaUnderCurve([1, 1], [1]));
    }

    [Fact]
    public void Scores_are_shifted_to_the_reference_class_and_pairs_judged_by_auc()
    {
        var scores = new List<ImageScore>();
        void Add(string name, long label, params double[] values) => scores.AddRange(values.Select((v, i) => new ImageScore(scores.Count + i, label, name, v)));
        Add("low", 0, 1, 2, 3);
        Add("high", 1, 11, 12, 13);
        Add("mixed", 2, 2, 12, 2.5);
        var separation = ScoreSeparation.Of(scores, reference: "high");
        Assert.Equal("high", separation.Reference);
        Assert.Equal(-10, separation.Classes[0].Mean, 12);
        Assert.Equal(0, separation.Classes[1].Mean, 12);
        Assert.Equal([-11, -10, -9], separation.ShiftedScores[0]);
        Assert.Equal(0.0, separation.Auc[0, 1]);
        Assert.Equal(1.0, separation.Auc[1, 0]);
        // low vs mixed: 1 < all; 2 ties 2, loses to 12 and 2.5; 3 beats 2 and 2.5: (0 + 0.5 + 2) / 9.
        Assert.Equal(2.5 / 9, separation.Auc[0, 2], 12);
        Assert.Equal([(0, 1)], separation.SeparatedPairs);
    }

    [Fact]
    public void An_unknown_reference_or_a_single_class_is_refused()
    {
        ImageScore[] scores = [new(0, 0, "a", 1), new(1, 1, "b", 2)];
        Assert.StartsWith("reference c: no such class", Assert.Throws<InvalidInputException>(() => ScoreSeparation.Of(scores, "c")).Message);
        Assert.Equal("b", ScoreSeparation.Of(scores, "1").Reference);
        Assert.Throws<InvalidInputException>(() => ScoreSeparation.Of([new(0, 0, "a", 1), new(1, 0, "a", 2)]));
    }

    [Fact]
    public void Score_files_round_trip_class_names_with_commas_and_name_a_bad_line()
    {
        var path = _temp.File("scores.csv");
        ImageScore[] scores = [new(0, 3, "square (0.7, +1) 0.03", -1.25), new(1, -1, "", 1e-9), new(2, 1, "say \"hi\"", 2)];
        ScoreFile.Save(path, scores);
        Assert.Equal(scores, ScoreFile.Load(path));
        File.AppendAllText(path, "3,1,x,not-a-number\n");
        var error = Assert.Throws<InvalidInputException>(() => ScoreFile.Load(path));
        Assert.Contains("line 5", error.Message);
    }

    [Fact]
    public void Csv_fields_are_quoted_only_when_needed()
    {
        Assert.Equal("plain", Csv.Field("plain"));
        Assert.Equal("\"a, b\"", Csv.Field("a, b"));
        Assert.Equal(["1", "a, \"b\"", ""], Csv.Split($"1,{Csv.Field("a, \"b\"")},"));
    }

    public void Dispose() => _temp.Dispose();
}
