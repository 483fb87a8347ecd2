using System.Text.Json.Serialization;

namespace Adversa.Models;

/// <summary>How a GAN is told the class to draw: not at all, or the generator through class embeddings and conditional batch norm and the critic one of two ways.</summary>
public enum Conditioning
{
    /// <summary>Unconditional: the generator draws from the whole data set.</summary>
    None,
    /// <summary>The critic judges image and class together through a projection (Miyato and Koyama 2018).</summary>
    Projection,
    /// <summary>The critic judges images alone and names their class with an auxiliary classifier (AC-GAN, Odena et al. 2017).</summary>
    [JsonStringEnumMemberName("acgan")]
    AuxiliaryClassifier,
}
