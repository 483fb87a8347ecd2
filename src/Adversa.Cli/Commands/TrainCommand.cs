using System.CommandLine;
using Adversa.Runtime;
using Adversa.Training;

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
        command.SetAction(parse =>
        {
            // Ctrl+C stops at the next iteration; the last checkpoint stays valid for --resume.
            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                return Execute(parse, output, interrupt.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;

        int Execute(ParseResult parse, TextWriter output, CancellationToken cancellation)
        {
            var presetName = parse.GetValue(preset)!;
            var basePreset = PresetCatalog.Get(presetName);
            GanTrainer trainer;
            if (parse.GetValue(resume))
            {
                var rejected = new Option[] { shared.Data, iterations, batchSize, shared.Seed, shared.Device, threads, shared.ConfigFile, shared.Settings }
                    .FirstOrDefault(o => parse.GetResult(o) is not null);
                if (rejected is not null)
                    throw new InvalidInputException($"{rejected.Name}: a resumed run keeps its frozen configuration (only --epochs may change)");
                var runDirectory = parse.GetValue(shared.Out) ?? Path.Combine("runs", presetName);
                trainer = GanTrainer.Resume(runDirectory, parse.GetValue(epochs));
                output.WriteLine($"resuming {runDirectory} after epoch {trainer.CompletedEpochs} (iteration {trainer.Iteration})");
                return Run(trainer, runDirectory, output, cancellation);
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
            ConfigValidation.Validate(config);

            var target = shared.RunDirectory(parse, presetName);
            trainer = GanTrainer.Start(config, target);
            output.WriteLine($"training {presetName} into {target}");
            return Run(trainer, target, output, cancellation);
        }
    }

    private static int Run(GanTrainer trainer, string runDirectory, TextWriter output, CancellationToken cancellation)
    {
        using (trainer)
        {
            var started = DateTime.UtcNow;
            TrainingProgress.Show(trainer, output, cancellation);
            var last = trainer.Losses.Count > 0 ? trainer.Losses[^1] : null;
            output.WriteLine($"done: {trainer.CompletedEpochs} epochs, {trainer.Iteration} iterations in {DateTime.UtcNow - started:hh\\:mm\\:ss}" +
                (last is null ? "" : $"; final d_loss {last.CriticLoss:F4}, g_loss {last.GeneratorLoss:F4}") +
                (trainer.RetriedSteps > 0 ? $"; {trainer.RetriedSteps} steps recomputed after non-finite values" : ""));
            if (trainer.LastMetrics is { } metrics)
                output.WriteLine($"last measurement (metrics.csv): FID {metrics.Fid?.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, " +
                    $"KID {metrics.KidMean?.ToString("F5", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, IS {metrics.IsMean?.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ({metrics.Samples} generated images)");
            output.WriteLine($"run directory: {runDirectory} (samples/, losses.csv, losses.png, progress.gif, checkpoints/last.ckpt{(trainer.Config.EvalEvery > 0 ? ", metrics.csv" : "")})");
        }
        return 0;
    }

}
