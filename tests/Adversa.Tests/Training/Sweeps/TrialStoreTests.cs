using System.Collections.Concurrent;
using Adversa.Training.Sweeps;

namespace Adversa.Tests.Training.Sweeps;

/// <summary>The store contract, against SQLite here and against a real PostgreSQL where <c>ADVERSA_TEST_POSTGRES</c> names one (.ci/run starts one).</summary>
public sealed class TrialStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private TrialStore Open(string kind, string study) =>
        TrialStore.Open(kind == "sqlite" ? _temp.File("trials.db") : PostgresFactAttribute.Url!, study);

    [Fact]
    public void Sqlite_claims_never_hand_one_trial_to_two_workers() => ConcurrentClaims("sqlite");

    [PostgresFact]
    public void Postgresql_claims_never_hand_one_trial_to_two_workers() => ConcurrentClaims("postgresql");

    [Fact]
    public void Sqlite_reclaims_an_expired_lease() => ExpiredLease("sqlite");

    [PostgresFact]
    public void Postgresql_reclaims_an_expired_lease() => ExpiredLease("postgresql");

    private static Dictionary<string, string> Values(int i) => new() { ["batch_size"] = $"{i}" };

    private void ConcurrentClaims(string kind)
    {
        var study = $"claims-{Guid.NewGuid():N}";
        var store = Open(kind, study);
        Assert.True(store.AddRound(0, [.. Enumerable.Range(1, 40).Select(i => (IReadOnlyDictionary<string, string>)Values(i))]));
        Assert.False(store.AddRound(0, [Values(99)]));   // the round exists: a second worker adds nothing
        var claimed = new ConcurrentBag<(int Number, string Owner)>();
        // Six workers, each with its own connections, claim as fast as they can.
        Parallel.For(0, 6, new ParallelOptions { MaxDegreeOfParallelism = 6 }, worker =>
        {
            var own = Open(kind, study);
            while (own.Claim($"w{worker}", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(5)) is { } trial)
                claimed.Add((trial.Number, $"w{worker}"));
        });
        Assert.Equal(Enumerable.Range(1, 40), claimed.Select(c => c.Number).Order());
        var all = store.All();
        Assert.All(all, t => Assert.Equal((TrialState.Running, 1), (t.State, t.Attempts)));
        Assert.All(claimed, c => Assert.Equal(c.Owner, all[c.Number - 1].Owner));
    }

    // The old owner can neither renew nor finish once another worker holds the trial.
    private void ExpiredLease(string kind)
    {
        var store = Open(kind, $"lease-{Guid.NewGuid():N}");
        store.AddRound(0, [Values(1)]);
        var start = DateTimeOffset.UtcNow;
        var first = store.Claim("a", start, start.AddSeconds(10))!;
        Assert.Null(store.Claim("b", start.AddSeconds(5), start.AddSeconds(15)));   // still a's
        Assert.True(store.Renew(first.Number, "a", start.AddSeconds(20)));
        Assert.Null(store.Claim("b", start.AddSeconds(15), start.AddSeconds(25)));  // renewed
        var taken = store.Claim("b", start.AddSeconds(21), start.AddSeconds(31))!;   // expired: b takes it over
        Assert.Equal((first.Number, "b", 2), (taken.Number, taken.Owner, taken.Attempts));
        Assert.False(store.Renew(first.Number, "a", start.AddSeconds(40)));
        Assert.False(store.Finish(first.Number, "a", 1.0, 3));
        Assert.True(store.Finish(first.Number, "b", 2.5, 7));
        var done = store.All().Single();
        Assert.Equal((TrialState.Done, 2.5, 7.0, (string?)null), (done.State, done.Objective, done.Seconds, done.Error));
        Assert.Equal("1", done.Values["batch_size"]);

        // A trial handed back on request is pending again at once.
        store.AddRound(1, [Values(2)]);
        var second = store.Claim("c", start, start.AddMinutes(5))!;
        Assert.False(store.Release(second.Number, "d"));
        Assert.True(store.Release(second.Number, "c"));
        Assert.Equal((second.Number, "e"), store.Claim("e", start, start.AddMinutes(5)) is { } again ? (again.Number, again.Owner!) : (0, ""));
    }

    public void Dispose() => _temp.Dispose();
}
