namespace Adversa.Data;

/// <summary>Which part of a data set: the images models train on, or the held-out images they are measured against.</summary>
public enum DatasetSplit
{
    /// <summary>IDX train files; the npm digits but every sixth; the shapes drawn from the run's seed.</summary>
    Train,
    /// <summary>IDX t10k files; every sixth npm digit (1,666 of 10,000); a fresh draw of the training shapes.</summary>
    Test,
}
