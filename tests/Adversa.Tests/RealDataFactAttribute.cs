using Adversa.Data;

namespace Adversa.Tests;

/// <summary>
/// A slow test on a real data set: skipped (and reported as skipped, not passed) where the data set is not
/// installed; .ci/run installs Fashion-MNIST, so CI always runs these.
/// </summary>
public sealed class RealDataFactAttribute : FactAttribute
{
    public RealDataFactAttribute(string dataset)
    {
        if (DatasetCatalog.Describe().First(d => d.Name == dataset).Location is null)
            Skip = $"data set {dataset} is not installed on this machine (see adversa datasets)";
    }
}
