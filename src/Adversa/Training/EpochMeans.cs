namespace Adversa.Training;

/// <summary>The means of an epoch's logged values (seed 000 compares mean losses per epoch; seed 004 prints them).</summary>
internal sealed class EpochMeans
{
    private readonly List<(string Name, double Sum, long Count)> _sums = [];

    /// <summary>Adds one step's record.</summary>
    public void Add(LossRecord record)
    {
        Add("d_loss", record.CriticLoss);
        Add("g_loss", record.GeneratorLoss);
        foreach (var scalar in record.Scalars)
            Add(scalar.Name, scalar.Value);
    }

    /// <summary>The means so far, d_loss and g_loss first, then the scalars in order of first appearance; then starts again.</summary>
    public IReadOnlyList<NamedValue> TakeAll()
    {
        var means = _sums.Select(s => new NamedValue(s.Name, s.Sum / s.Count)).ToArray();
        _sums.Clear();
        return means;
    }

    private void Add(string name, double value)
    {
        var index = _sums.FindIndex(s => s.Name == name);
        if (index < 0)
            _sums.Add((name, value, 1));
        else
            _sums[index] = (name, _sums[index].Sum + value, _sums[index].Count + 1);
    }
}
