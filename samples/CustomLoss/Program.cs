// A loss of your own, plugged into the trainer without touching the library: trains in memory, writes one grid.
// dotnet run --project samples/CustomLoss [-- OUT.png [--tiny]]
using Adversa.Data;
using Adversa.Imaging;
using Adversa.Losses;
using Adversa.Training;
using static TorchSharp.torch;

var tiny = args.Contains("--tiny");
var output = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "custom-loss.png";

var config = PresetCatalog.Get("gan-mnist").Config with { Epochs = tiny ? 1 : 10, IterationsPerEpoch = tiny ? 3 : 100 };
if (tiny)
    config = config with { GeneratorWidth = 4, CriticWidth = 4, BatchSize = 8, SampleCount = 4 };

// The components from the configuration, with the loss replaced.
using var images = ShapesDataset.CreateTrainingSet(seed: 1);
using var grey = new LabeledImages(images.Images.mean([1], keepdim: true), images.Labels, images.ClassNames, "grey shapes", images.Range);
Adversa.Runtime.Reproducibility.Seed(config.Seed);
var components = GanComponents.FromConfig(config);
components.Loss = new SmoothedLabelsLoss(realTarget: 0.9);
using var trainer = new GanTrainer(config, grey, components, ownsComponents: true);
trainer.Observers.Add(new PrintEpochs());
trainer.Train();

using var samples = trainer.Sample(tiny ? 4 : 64, seed: 0);
File.WriteAllBytes(output, ImageGrid.ToPng(samples));
Console.WriteLine($"wrote {output}");

/// <summary>
/// The cross-entropy loss with one-sided label smoothing (Salimans et al. 2016): real images are labelled 0.9, not 1,
/// so the critic is not rewarded for ever more confident scores. It logs D(real), the mean probability it gives real images.
/// </summary>
sealed class SmoothedLabelsLoss(double realTarget) : IAdversarialLoss
{
    public string Name => "smoothed_labels";

    public Tensor CriticLoss(Tensor realScores, Tensor fakeScores) =>
        nn.functional.binary_cross_entropy_with_logits(realScores, full_like(realScores, realTarget)) +
        nn.functional.binary_cross_entropy_with_logits(fakeScores, zeros_like(fakeScores));

    public Tensor GeneratorLoss(Tensor fakeScores) => nn.functional.binary_cross_entropy_with_logits(fakeScores, ones_like(fakeScores));

    public IEnumerable<LoggedScalar> CriticScalars(Tensor realScores, Tensor fakeScores) => [new("d_real", realScores.sigmoid().mean())];
}

sealed class PrintEpochs : ITrainingObserver
{
    private LossRecord? _last;

    public void OnIteration(GanTrainer trainer, LossRecord record) => _last = record;

    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) =>
        Console.WriteLine($"epoch {epoch.Epoch}: d_loss {_last!.CriticLoss:F3}, g_loss {_last.GeneratorLoss:F3}, D(real) {_last.Scalar("d_real"):F3}");
}
