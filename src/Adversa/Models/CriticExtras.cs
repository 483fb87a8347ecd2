using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>What a critic may append to its last hidden features so that it sees the whole batch, the remedies for mode collapse of seed 004.</summary>
public enum BatchStatistics
{
    /// <summary>Each image is scored alone.</summary>
    None,
    /// <summary>The minibatch standard deviation (Karras et al. 2018): one extra feature map.</summary>
    [JsonStringEnumMemberName("stddev")]
    StdDev,
    /// <summary>Minibatch discrimination (Salimans et al. 2016): one extra feature map per kernel.</summary>
    Discrimination,
}

/// <summary>Critic options shared by every architecture: spectral normalisation and a minibatch layer before the scoring layer.</summary>
/// <param name="SpectralNorm">Wrap every convolution and dense layer of the critic in <see cref="Models.SpectralNorm"/>.</param>
/// <param name="BatchStatistics">The minibatch layer between the last hidden features and the scoring layer.</param>
/// <param name="MinibatchKernels">Minibatch discrimination: B, the number of kernels (extra features).</param>
/// <param name="MinibatchKernelDim">Minibatch discrimination: C, the length of each kernel's projection.</param>
public sealed record CriticExtras(bool SpectralNorm = false, BatchStatistics BatchStatistics = BatchStatistics.None, int MinibatchKernels = 50, int MinibatchKernelDim = 5)
{
    /// <summary>No spectral normalisation, no minibatch layer.</summary>
    public static CriticExtras None { get; } = new();

    /// <summary>Channels (or features) the minibatch layer appends.</summary>
    public int AddedChannels => BatchStatistics switch
    {
        BatchStatistics.StdDev => 1,
        BatchStatistics.Discrimination => MinibatchKernels,
        _ => 0,
    };

    /// <summary>The minibatch layer for last hidden features of <paramref name="featureCount"/> values per image.</summary>
    public nn.Module<Tensor, Tensor> CreateBatchLayer(long featureCount) => BatchStatistics switch
    {
        BatchStatistics.StdDev => new MinibatchStdDev(),
        BatchStatistics.Discrimination => new MinibatchDiscrimination(featureCount, MinibatchKernels, MinibatchKernelDim),
        _ => nn.Identity(),
    };

    /// <summary>A layer of the critic, spectrally normalised when configured.</summary>
    public nn.Module<Tensor, Tensor> Layer(nn.Module<Tensor, Tensor> layer) => Models.SpectralNorm.ApplyIf(SpectralNorm, layer);
}
