using System.CommandLine;
using System.Globalization;
using Adversa.Data;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa train PRESET</c>: resolves defaults &lt; preset &lt; --config file &lt; options, freezes the result into the run directory and trains.</summary>
public static class TrainCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output)
    {
        var preset = new Argument<string>("preset") { Description = "A preset name (see adversa presets)." };
        var shared = new ConfigurationOptions();
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to train." };
        var iterations = new Option<int?>("--iterations") { Description = "Generator steps per epoch (default: one pass over the data)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Images per batch." };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: one per core)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its last checkpoint." };
        var command = new Command("train", "Train a GAN from a preset.") { preset, epochs, iterations, batchSize, threads, resume };
        foreach (var option in shared.All)
            command.Options.Add(option);
        command.SetAction(parse => TrainingProgress.Interruptible(cancellation => Execute(parse, cancellation)));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellation)
        {
            var presetName = parse.GetValue(preset)!;
            var basePreset = PresetCatalog.Get(presetName);
            if (parse.GetValue(resume))
            {
                var rejected = new Option[] { shared.Data, iterations, batchSize, shared.Seed, shared.Device, threads, shared.ConfigFile, shared.Settings }
                    .FirstOrDefault(o => parse.GetResult(o) is not null);
                if (rejected is not null)
                    throw new InvalidInputException($"{rejected.Name}: a resumed run keeps its frozen configuration (only --epochs may change)");
                var runDirectory = parse.GetValue(shared.Out) ?? Path.Combine("runs", presetName);
                var resumed = TrainingRun.Resume(runDirectory, parse.GetValue(epochs));
                output.WriteLine($"resuming {runDirectory} after epoch {resumed.CompletedEpochs} (iteration {resumed.Iteration})");
                return Run(resumed, runDirectory, output, cancellation);
            }

            var config = shared.Resolve(parse, basePreset.Config, c => c with
            {
                Data = parse.GetValue(shared.Data) ?? c.Data,
                Epochs = parse.GetValue(epochs) ?? c.Epochs,
                IterationsPerEpoch = parse.GetValue(iterations) ?? c.IterationsPerEpoch,
                BatchSize = parse.GetValue(batchSize) ?? c.BatchSize,
                Seed = parse.GetValue(shared.Seed) ?? c.Seed,
                Device = parse.GetValue(shared.Device) ?? c.Device,
                Threads = parse.GetValue(threads) ?? c.Threads,
            });
            var target = shared.RunDirectory(parse, presetName);
            var trainer = TrainingRun.Start(config, target);
            output.WriteLine($"training {presetName} into {target}: {Schedule(trainer)}");
            if (trainer.SkippedImages.Count > 0)
                output.WriteLine($"skipped {trainer.SkippedImages.Count} unreadable images (skip_unreadable_images), the first: {trainer.SkippedImages[0]}");
            return Run(trainer, target, output, cancellation);
        }
    }

    // e.g. "100 epochs of 78 generator steps, each after 5 critic batches of 64 drawn with replacement (390 per epoch)"
    private static string Schedule(GanTrainer trainer)
    {
        var c = trainer.Config;
        var steps = c.GSteps == 1 ? "generator steps" : $"steps of {c.GSteps} generator updates";
        var sampling = c.Sampling == SamplingMode.Replacement ? "drawn with replacement" : "from shuffled passes";
        return string.Create(CultureInfo.InvariantCulture, $"{c.Epochs} epochs of {trainer.IterationsPerEpoch} {steps}, each after {c.NCritic} critic ") +
            string.Create(CultureInfo.InvariantCulture, $"{(c.NCritic == 1 ? "batch" : "batches")} of {c.BatchSize} {sampling} ({trainer.IterationsPerEpoch * c.NCritic} per epoch)");
    }

    private static int Run(GanTrainer trainer, string runDirectory, TextWriter output, CancellationToken cancellation)
    {
        using (trainer)
        {
            var started = DateTime.UtcNow;
            LossRecord? last;
            try
            {
                last = TrainingProgress.Show(trainer, output, cancellation);
            }
            catch (TrainingDivergedException diverged)
            {
                var checkpoint = new RunLayout(runDirectory).LastCheckpointPath;
                throw diverged.WithNote(File.Exists(checkpoint)
                    ? $"{checkpoint} holds epoch {trainer.CompletedEpochs}"
                    : "no epoch completed, so there is no checkpoint");
            }
            var metrics = trainer.Observers.OfType<MetricsWriter>().FirstOrDefault()?.LastMetrics;
            output.WriteLine($"done: {trainer.CompletedEpochs} epochs, {trainer.Iteration} iterations in {DateTime.UtcNow - started:hh\\:mm\\:ss}" +
                (last is null ? "" : $"; final d_loss {last.CriticLoss:F4}, g_loss {last.GeneratorLoss:F4}") +
                (trainer.RecomputedSteps > 0 ? $"; {trainer.RecomputedSteps} steps recomputed after non-finite values" : ""));
            if (metrics is not null)
                output.WriteLine($"last measurement (metrics.csv): FID {metrics.Fid?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"}, " +
                    $"KID {metrics.KidMean?.ToString("F5", CultureInfo.InvariantCulture) ?? "-"}, IS {metrics.IsMean?.ToString("F3", CultureInfo.InvariantCulture) ?? "-"} ({metrics.Samples} generated images)");
            output.WriteLine($"run directory: {runDirectory} (samples/, losses.csv, losses.png, progress.gif, checkpoints/last.ckpt{(metrics is not null ? ", metrics.csv" : "")})");
        }
        return 0;
    }
}
