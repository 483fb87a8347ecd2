using Adversa.Data;
using Adversa.Tests.Data;
using Adversa.Training;
using SkiaSharp;

namespace Adversa.Tests.Training;

public sealed class PresetTrainingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public static TheoryData<string> PresetNames() => [.. PresetCatalog.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Every_preset_trains_a_few_iterations_at_its_own_network_size(string name)
    {
        var preset = PresetCatalog.Get(name).Config;
        // The presets' data sets are not on every machine: a folder of images the test writes stands in, in two class
        // sub-folders for the conditional presets; 32 images, since a self-conditioned preset makes up to 30 clusters.
        var data = Path.Combine(_temp.Path, "images");
        for (var i = 0; i < 32; i++)
            DataFiles.SolidPng(Path.Combine(data, i % 2 == 0 ? "even" : "odd", $"{i}.png"), 16, 16, new SKColor((byte)(8 * i), 90, 160));
        var config = preset with { Data = data, MaxImages = 0, BatchSize = 4, Epochs = 1, IterationsPerEpoch = 2, SampleCount = 4 };

        using var trainer = GanTrainer.Create(config);
        for (var i = 0; i < 2; i++)
        {
            var record = trainer.TrainIteration();
            Assert.True(double.IsFinite(record.CriticLoss) && double.IsFinite(record.GeneratorLoss));
        }
        using var samples = trainer.SampleFixedLatent();
        Assert.Equal(new long[] { 4, preset.ImageChannels, preset.ImageSize, preset.ImageSize }, samples.shape);
    }

    public void Dispose() => _temp.Dispose();
}
