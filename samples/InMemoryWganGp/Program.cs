// WGAN-GP on images built in memory, stopped after its first epoch and resumed with the same images.
// dotnet run --project samples/InMemoryWganGp [-- RUN_DIRECTORY [--tiny]]
using Adversa.Data;
using Adversa.Training;
using Adversa.Training.Outputs;
using static TorchSharp.torch;

var tiny = args.Contains("--tiny");
var runDirectory = args.FirstOrDefault(a => !a.StartsWith("--")) ?? Path.Combine(Path.GetTempPath(), $"adversa-discs-{Environment.ProcessId}");

// 3 x 64 x 64 images in [-1, 1]: an orange disc of random radius and place on a dark background.
using var images = Discs(tiny ? 64 : 1024, seed: 7);

var config = PresetCatalog.Get("wgan-gp-shapes").Config with { Epochs = 4, IterationsPerEpoch = tiny ? 2 : 50 };
if (tiny)
    config = config with { GeneratorWidth = 4, CriticWidth = 4, BatchSize = 8, SampleCount = 4 };

// An interruption: an observer cancels after the first epoch, as Ctrl+C would.
using (var trainer = TrainingRun.Start(config, runDirectory, images))
using (var interrupt = new CancellationTokenSource())
{
    trainer.Observers.Add(new StopAfterFirstEpoch(interrupt));
    try { trainer.Train(interrupt.Token); }
    catch (OperationCanceledException) { Console.WriteLine($"stopped after epoch {trainer.CompletedEpochs}"); }
}

// Resuming needs the same images again: the checkpoint knows their fingerprint.
using (var trainer = TrainingRun.Resume(runDirectory, images: images))
{
    trainer.Train();
    Console.WriteLine($"done: {trainer.Iteration} iterations; grids, losses and report.html in {runDirectory}");
}

static LabeledImages Discs(int count, long seed)
{
    using var random = new Generator((ulong)seed);
    var grid = linspace(-1, 1, 64);
    var (y, x) = (grid.view(1, 64, 1), grid.view(1, 1, 64));
    var centre = rand(new long[] { count, 2, 1, 1 }, generator: random) * 1.2 - 0.6;
    var radius = rand(new long[] { count, 1, 1 }, generator: random) * 0.3 + 0.2;
    var inside = ((x - centre[.., 1]).square() + (y - centre[.., 0]).square() < radius.square()).unsqueeze(1); // N x 1 x 64 x 64
    var colour = tensor(new float[] { 1f, 0.3f, -0.6f }).view(1, 3, 1, 1);
    return new LabeledImages(where(inside, colour, full(1, 3, 1, 1, -0.9f)), [], [], "discs", PixelRange.Symmetric);
}

sealed class StopAfterFirstEpoch(CancellationTokenSource interrupt) : ITrainingObserver
{
    public void OnEpochEnd(GanTrainer trainer, EpochEnd epoch) => interrupt.Cancel();
}
