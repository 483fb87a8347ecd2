using Adversa.Data;

namespace Adversa.Tests.Data;

public sealed class BatchSamplerTests
{
    private static long[] Next(BatchSampler sampler)
    {
        using var indices = sampler.NextIndices();
        return indices.data<long>().ToArray();
    }

    [Fact]
    public void A_shuffled_epoch_visits_every_index_once_and_drops_the_remainder()
    {
        using var sampler = new BatchSampler(10, 3, SamplingMode.Shuffle, seed: 4);
        Assert.Equal(3, sampler.BatchesPerPass);
        sampler.BeginEpoch();
        var seen = Enumerable.Range(0, 3).SelectMany(_ => Next(sampler)).ToArray();
        Assert.Equal(9, seen.Distinct().Count());
        Assert.All(seen, i => Assert.InRange(i, 0, 9));
    }

    [Fact]
    public void A_new_pass_started_inside_a_dispose_scope_outlives_it()
    {
        using var sampler = new BatchSampler(6, 4, SamplingMode.Shuffle, seed: 1);
        sampler.BeginEpoch();
        for (var i = 0; i < 4; i++)
        {
            // Each call runs out of the 6-image pass and draws a new permutation inside this scope.
            using var scope = TorchSharp.torch.NewDisposeScope();
            Assert.Equal(4, sampler.NextIndices().shape[0]);
        }
    }

    [Fact]
    public void Replacement_draws_stay_in_range()
    {
        using var sampler = new BatchSampler(5, 50, SamplingMode.Replacement, seed: 4);
        var batch = Next(sampler);
        Assert.Equal(50, batch.Length);
        Assert.All(batch, i => Assert.InRange(i, 0, 4));
        Assert.True(batch.Distinct().Count() > 1);
    }

    [Fact]
    public void A_saved_state_replays_the_same_batches()
    {
        using var sampler = new BatchSampler(100, 8, SamplingMode.Shuffle, seed: 7);
        sampler.BeginEpoch();
        Next(sampler);
        using var state = sampler.GetState();
        sampler.BeginEpoch();
        var expected = Next(sampler);

        using var restored = new BatchSampler(100, 8, SamplingMode.Shuffle, seed: 99);
        restored.SetState(state);
        restored.BeginEpoch();
        Assert.Equal(expected, Next(restored));
    }
}
