using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class WeightAverageTests
{
    [Fact]
    public void The_average_starts_at_the_weights_and_moves_by_the_warmed_up_decay()
    {
        using var source = nn.Linear(2, 1);
        using var copy = nn.Linear(2, 1);
        using (no_grad())
        {
            source.weight!.copy_(tensor(new float[,] { { 1, 2 } }));
            source.bias!.fill_(0);
        }
        var average = new WeightAverage(source, copy, decay: 0.999);
        Assert.Equal(new[] { 1f, 2f }, copy.weight!.data<float>().ToArray());
        Assert.False(copy.training);

        using (no_grad())
            source.weight!.copy_(tensor(new float[,] { { 11, 22 } }));
        // Step 0: decay min(0.999, 1/10) = 0.1, so avg = 0.1 * (1, 2) + 0.9 * (11, 22) = (10, 20).
        average.Update(step: 0);
        var weights = copy.weight!.data<float>().ToArray();
        Assert.Equal(10f, weights[0], 4);
        Assert.Equal(20f, weights[1], 4);

        Assert.Equal(0.1, average.DecayAt(0), 12);
        Assert.Equal(1001.0 / 1010.0, average.DecayAt(1000), 12);
        Assert.Equal(0.999, average.DecayAt(100_000), 12);
    }

    [Fact]
    public void Buffers_are_copied_not_averaged()
    {
        using var source = nn.BatchNorm1d(2);
        using var copy = nn.BatchNorm1d(2);
        var average = new WeightAverage(source, copy, decay: 0.5);
        source.forward(tensor(new float[,] { { 10, 20 }, { 30, 40 } })).Dispose(); // moves the running mean to 0.1 * (20, 30)
        average.Update(step: 50);
        Assert.Equal(source.running_mean!.data<float>().ToArray(), copy.running_mean!.data<float>().ToArray());
    }

    [Fact]
    public void A_decay_outside_zero_to_one_is_refused()
    {
        using var source = nn.Linear(1, 1);
        using var copy = nn.Linear(1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightAverage(source, copy, 1.0));
    }
}
