using Adversa.Losses;
using Adversa.Models;

namespace Adversa.Training;

/// <summary>
/// The SNGAN recipe (Miyato et al. 2018) on the residual networks of <see cref="SnganGenerator"/> and
/// <see cref="SnganCritic"/>: hinge loss, a spectrally normalised critic with no other regulariser, equal learning
/// rates, one critic step per generator step, and a weight-averaged generator for samples.
/// </summary>
internal static class SnganPresets
{
    private static readonly TrainingConfig SnganMnistQuick = new()
    {
        Preset = "sngan-mnist-quick",
        Data = "mnist",
        ImageSize = 28,
        ImageChannels = 1,
        Generator = Architecture.Sngan28,
        Critic = Architecture.Sngan28,
        GeneratorWidth = 16, // 64, 32, 16 channels at 7x7, 14x14, 28x28: what a 20-minute budget on 2 cores affords
        CriticWidth = 16,    // 16, 32, 64 channels
        CriticNorm = Normalization.None, // spectral normalisation is the critic's only constraint
        CriticSpectralNorm = true,
        CriticDropout = 0,   // SNGAN's critic has none (and SnganCritic no place for it)
        LatentDim = 128,     // Miyato et al. 2018
        LatentDistribution = LatentDistribution.Normal,
        Loss = LossKind.Hinge,
        Regularizer = RegularizerKind.None,
        NCritic = 1,
        // Miyato et al.'s setting C (one critic step, Adam 2e-4, betas 0.5 and 0.999). Measured here at 1,000 steps,
        // SAGAN's two time scales (1e-4 and 4e-4, betas 0 and 0.9) reached FID 354, these 332, DCGAN's nets 240; but these
        // keep improving: 210, 164, 122, 104, 82, 67 at 2,000 ... 7,000 steps (2,000 images each), dcgan-mnist-quick's
        // 186 and 165 at 2,000 and 3,000.
        GLr = 2e-4, GBeta1 = 0.5, GBeta2 = 0.999,
        DLr = 2e-4, DBeta1 = 0.5, DBeta2 = 0.999,
        GeneratorEmaDecay = 0.999,
        BatchSize = 64,
        Epochs = 70,         // 7,000 steps in about 14 minutes here
        IterationsPerEpoch = 100,
        Seed = 1,
    };

    /// <summary>The SNGAN presets, in the order <c>adversa presets</c> lists them.</summary>
    public static IEnumerable<Preset> All { get; } =
    [
        new("sngan-mnist-quick", "SNGAN (hinge, spectral norm), residual nets (28x28)",
            "SNGAN's residual networks and recipe on MNIST (widths 16, hinge loss, spectral norm, a weight-averaged generator), 7,000 steps: about 14 minutes here",
            SnganMnistQuick),
        new("sngan-fashion-mnist-quick", "SNGAN (hinge, spectral norm), residual nets (28x28)",
            "sngan-mnist-quick on Fashion-MNIST's 60,000 garments, 8,000 steps: about 18 minutes here",
            // 8,000 steps: FID 63 against 75 at 7,000 (2,000 images each) and still falling; 9,000 would pass 20 minutes here.
            SnganMnistQuick with { Preset = "sngan-fashion-mnist-quick", Data = "fashion-mnist", Epochs = 80 }),
        new("sngan-fashion-mnist-64-quick", "SNGAN (hinge, spectral norm), residual nets (64x64)",
            "SNGAN's 64x64 residual networks (width 8) on wgan-fashion-mnist's data, the first 5,000 garments at 64x64, 2,500 steps: about 18 minutes here",
            SnganMnistQuick with
            {
                Preset = "sngan-fashion-mnist-64-quick",
                // seed 000's images (the first 5,000 garments, resized to 64x64), so that this compares with wgan-fashion-mnist-quick
                Data = PresetCatalog.WganFashionMnist.Data,
                MaxImages = PresetCatalog.WganFashionMnist.MaxImages,
                ImageSize = PresetCatalog.WganFashionMnist.ImageSize,
                Generator = Architecture.Sngan64,
                Critic = Architecture.Sngan64,
                // 128, 64, 32, 16, 8 channels at 4x4 ... 64x64: a step costs about four of width 16 at 28x28, since the
                // last blocks run at 64x64; width 16 would afford half the steps.
                GeneratorWidth = 8,
                CriticWidth = 8,
                Epochs = 25,           // 2,500 steps: 37 to 51 s per 100 here (2,800 took 19.8 minutes, too near 20)
            }),
    ];
}
