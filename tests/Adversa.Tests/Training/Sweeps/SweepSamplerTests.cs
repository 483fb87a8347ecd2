using Adversa.Runtime;
using Adversa.Training.Sweeps;

namespace Adversa.Tests.Training.Sweeps;

public sealed class SweepSamplerTests
{
    [Fact]
    public void Domains_parse_and_give_their_grid_points_by_hand()
    {
        var choices = SweepParameter.Parse("batch_size=20,50,100,200");
        Assert.Equal(["20", "50", "100", "200"], choices.GridValues());
        Assert.True(choices.IsNumeric);
        // 1 + (5 - 1) * {0, 1/3, 2/3, 1} = 1, 2.33, 3.67, 5, rounded.
        Assert.Equal(["1", "2", "4", "5"], SweepParameter.Parse("n_critic=1..5").GridValues());
        // Log-spaced: 1e-5 * 100^{0, 1/3, 2/3, 1}.
        Assert.Equal(["1E-05", "4.642E-05", "0.0002154", "0.001"], SweepParameter.Parse("g_lr=1e-5..1e-3:log").GridValues());
        Assert.Equal("g_lr=1E-05..0.001:log", SweepParameter.Parse("g_lr=1e-5..1e-3:log").ToString());
        Assert.False(SweepParameter.Parse("loss=wasserstein,hinge").IsNumeric);
        foreach (var bad in new[] { "batch_size", "x=", "x=5..1", "x=-1..1:log", "x=a,a", "x=a,b:log" })
            Assert.StartsWith($"param {bad}:", Assert.Throws<InvalidInputException>(() => SweepParameter.Parse(bad)).Message);
    }

    [Fact]
    public void The_grid_is_every_combination_in_order()
    {
        var study = new SweepStudy { Parameters = ["batch_size=20,50", "n_critic=1,5"], Sampler = SweepSamplerKind.Grid };
        Assert.Equal(["20/1", "20/5", "50/1", "50/5"], SweepSampler.FirstRound(study).Select(t => $"{t["batch_size"]}/{t["n_critic"]}"));
        Assert.Empty(SweepSampler.NextRound(study, 1, [[new SampledTrial(SweepSampler.FirstRound(study)[0], 1)]]));
    }

    [Fact]
    public void Random_draws_are_seeded_and_inside_their_domains()
    {
        var study = new SweepStudy { Parameters = ["g_lr=1e-5..1e-3:log", "n_critic=1..5", "loss=wasserstein,hinge"], Sampler = SweepSamplerKind.Random, Trials = 50, Seed = 3 };
        var first = SweepSampler.FirstRound(study);
        Assert.Equal(50, first.Count);
        Assert.Equal(first.Select(t => string.Join(",", t.Values)), SweepSampler.FirstRound(study).Select(t => string.Join(",", t.Values)));
        Assert.NotEqual(first.Select(t => t["g_lr"]), SweepSampler.FirstRound(study with { Seed = 4 }).Select(t => t["g_lr"]));
        Assert.All(first, t =>
        {
            Assert.InRange(SweepParameter.Number(t["g_lr"]), 1e-5, 1e-3);
            Assert.InRange(int.Parse(t["n_critic"]), 1, 5);
            Assert.Contains(t["loss"], new[] { "wasserstein", "hinge" });
        });
        // Log-uniform: about half the draws lie below the geometric midpoint 1e-4.
        Assert.InRange(first.Count(t => SweepParameter.Number(t["g_lr"]) < 1e-4), 15, 35);
    }

    [Fact]
    public void Refine_draws_between_the_neighbours_of_the_best_and_finds_a_known_minimum()
    {
        // Objective (x - 5.3)^2 over x in 0..12; the grid tries 0, 4, 8, 12, of which 4 is best (1.69): round 2 draws
        // between its neighbours 0 and 8; later rounds close in on 5.3.
        static double Objective(IReadOnlyDictionary<string, string> t) => Math.Pow(SweepParameter.Number(t["x"]) - 5.3, 2);
        var study = new SweepStudy { Parameters = ["x=0..12"], Sampler = SweepSamplerKind.Refine, Trials = 5, Rounds = 4, Tolerance = 0, Seed = 1 };
        var rounds = new List<IReadOnlyList<SampledTrial>>();
        var next = SweepSampler.FirstRound(study);
        Assert.Equal(["0", "4", "8", "12"], next.Select(t => t["x"]));
        while (next.Count > 0)
        {
            if (rounds.Count == 1)
                Assert.All(next, t => Assert.InRange(SweepParameter.Number(t["x"]), 0, 8));
            rounds.Add([.. next.Select(t => new SampledTrial(t, Objective(t)))]);
            next = SweepSampler.NextRound(study, rounds.Count, rounds);
        }
        Assert.Equal(4, rounds.Count);
        var tried = rounds.Select(r => string.Join(" ", r.Select(t => t.Values["x"]))).ToList();
        Assert.Equal("5", rounds.SelectMany(r => r).MinBy(t => t.Objective)!.Values["x"]);
    }

    [Fact]
    public void Refine_stops_when_a_round_improves_the_best_by_less_than_the_tolerance()
    {
        var study = new SweepStudy { Parameters = ["x=0,10"], Sampler = SweepSamplerKind.Refine, Trials = 2, Rounds = 9, Tolerance = 0.1 };
        var grid = new SampledTrial[] { new(new Dictionary<string, string> { ["x"] = "0" }, 10), new(new Dictionary<string, string> { ["x"] = "10" }, 20) };
        Assert.Equal(2, SweepSampler.NextRound(study, 1, [grid]).Count);
        // Round 2's best, 9.5, improves 10 by 5 %: under the 10 % tolerance, so no round 3.
        var second = new SampledTrial[] { new(new Dictionary<string, string> { ["x"] = "1" }, 9.5), new(new Dictionary<string, string> { ["x"] = "2" }, 12) };
        Assert.Empty(SweepSampler.NextRound(study, 2, [grid, second]));
        var better = new SampledTrial[] { new(new Dictionary<string, string> { ["x"] = "1" }, 8), new(new Dictionary<string, string> { ["x"] = "2" }, 12) };
        Assert.Equal(2, SweepSampler.NextRound(study, 2, [grid, better]).Count);
    }

    [Fact]
    public void A_study_is_checked_against_the_configuration_for_every_grid_value_before_it_runs()
    {
        Assert.StartsWith("batch_size 0: must be positive", Assert.Throws<InvalidInputException>(() => new SweepStudy { Parameters = ["batch_size=2,0"] }.Validate()).Message);
        Assert.StartsWith("foo: unknown key", Assert.Throws<InvalidInputException>(() => new SweepStudy { Parameters = ["foo=1,2"] }.Validate()).Message);
        Assert.StartsWith("param: a study needs at least one parameter", Assert.Throws<InvalidInputException>(() => new SweepStudy().Validate()).Message);
        new SweepStudy { Parameters = ["batch_size=2,8", "g_lr=1e-5..1e-3:log"] }.Validate();
    }
}
