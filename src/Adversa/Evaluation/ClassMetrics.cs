namespace Adversa.Evaluation;

/// <summary>A class-conditional generator's images of one class, measured against the reference images of that class.</summary>
/// <param name="Class">The class's index.</param>
/// <param name="Name">The class's name in the data.</param>
/// <param name="Fid">FID against the reference images of the class (intra-FID, Miyato and Koyama 2018); null when the class has too few reference images for the features' width.</param>
/// <param name="Accuracy">Fraction of the images the classifier assigns to the class asked for; null when the feature network is not a classifier of these classes.</param>
/// <param name="Samples">Generated images of the class.</param>
/// <param name="ReferenceSamples">Reference images of the class.</param>
public sealed record ClassMetrics(int Class, string Name, double? Fid, double? Accuracy, long Samples, long ReferenceSamples);
