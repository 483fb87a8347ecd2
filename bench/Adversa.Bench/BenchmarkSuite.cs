using System.Diagnostics;
using Adversa.Data;
using Adversa.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>
/// Times, in one process: (a) a float32 matrix product, the machine's practical ceiling; (b) one
/// iteration (D step + G step) of seed 000's 64x64 DCGAN written with bare TorchSharp calls; (c) the
/// same iteration through <see cref="GanTrainer"/>. The difference between (b) and (c) is what the
/// trainer costs: data indexing, loss records, bookkeeping.
/// </summary>
public static class BenchmarkSuite
{
    /// <summary>Runs all three measurements; <paramref name="progress"/> receives a line per stage.</summary>
    public static BenchmarkReport Run(BenchmarkScale scale, Action<string>? progress = null)
    {
        progress?.Invoke($"matrix product {scale.MatrixSize}x{scale.MatrixSize}");
        var matrix = MeasureMatrixProduct(scale);
        progress?.Invoke($"bare DCGAN iteration (batch {scale.BatchSize})");
        var bare = MeasureBareIteration(scale, out var iterationFlops);
        progress?.Invoke("the same iteration through the trainer");
        var trainer = MeasureTrainerIteration(scale, iterationFlops);
        return new BenchmarkReport(scale, get_num_threads(), matrix, bare, trainer);
    }

    private static BenchmarkResult MeasureMatrixProduct(BenchmarkScale scale)
    {
        using var a = randn(scale.MatrixSize, scale.MatrixSize);
        using var b = randn(scale.MatrixSize, scale.MatrixSize);
        var repetitions = Math.Max(5, scale.Repetitions * 5);
        var seconds = MedianSeconds(repetitions, () => { using var c = matmul(a, b); });
        return new BenchmarkResult("matmul", seconds, 2.0 * Math.Pow(scale.MatrixSize, 3) / 1e9);
    }

    private static BenchmarkResult MeasureBareIteration(BenchmarkScale scale, out double iterationFlops)
    {
        manual_seed(1);
        var w = scale.Width;
        using var generator = nn.Sequential(
            nn.ConvTranspose2d(scale.LatentDim, 8 * w, 4, stride: 1, padding: 0L), nn.BatchNorm2d(8 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(8 * w, 4 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(4 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(4 * w, 2 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(2 * w, w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(w, 1, 4, stride: 2, padding: 1L), nn.Tanh());
        using var discriminator = nn.Sequential(
            nn.Conv2d(1, w, 4, stride: 2, padding: 1L), nn.LeakyReLU(0.2),
            nn.Conv2d(w, 2 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(4 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(4 * w, 8 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(8 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(8 * w, 1, 4, stride: 1, padding: 0L));
        var discriminatorParameters = discriminator.parameters().ToArray();
        using var generatorOptimizer = optim.Adam(generator.parameters(), 5e-4, 0.5, 0.999);
        using var discriminatorOptimizer = optim.Adam(discriminatorParameters, 1e-4, 0.5, 0.999);
        using var data = rand(400, 1, 64, 64) * 2 - 1;
        var batch = scale.BatchSize;

        using (var z0 = rand(batch, scale.LatentDim, 1, 1))
        using (var x0 = rand(batch, 1, 64, 64))
        {
            var generatorFlops = FlopCounter.ForwardFlops(generator, z0);
            var discriminatorFlops = FlopCounter.ForwardFlops(discriminator, x0);
            // D step: G forward; D forward on real and fake, and their backward (~2x forward each).
            // G step: G forward and backward (3x); D forward and its input-gradient backward (2x), its weights frozen.
            iterationFlops = generatorFlops + 6 * discriminatorFlops + 3 * generatorFlops + 2 * discriminatorFlops;
        }

        void Iteration()
        {
            using var scope = NewDisposeScope();
            // (1) Update D: maximise log D(x) + log(1 - D(G(z)))
            var real = data.index_select(0, randint(0, 400, [batch], dtype: ScalarType.Int64));
            Tensor fake;
            using (no_grad())
                fake = generator.forward(rand(batch, scale.LatentDim, 1, 1) * 2 - 1);
            discriminatorOptimizer.zero_grad();
            var realLogits = discriminator.forward(real).view(-1);
            var fakeLogits = discriminator.forward(fake).view(-1);
            var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(realLogits, ones_like(realLogits))
                + nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
            discriminatorLoss.backward();
            discriminatorOptimizer.step();
            // (2) Update G: maximise log D(G(z))
            foreach (var p in discriminatorParameters)
                p.requires_grad = false;
            generatorOptimizer.zero_grad();
            var logits = discriminator.forward(generator.forward(rand(batch, scale.LatentDim, 1, 1) * 2 - 1)).view(-1);
            var generatorLoss = nn.functional.binary_cross_entropy_with_logits(logits, ones_like(logits));
            generatorLoss.backward();
            generatorOptimizer.step();
            foreach (var p in discriminatorParameters)
                p.requires_grad = true;
            _ = discriminatorLoss.item<float>() + generatorLoss.item<float>();
        }

        var seconds = MedianSeconds(scale.Repetitions, Iteration);
        return new BenchmarkResult("bare_iteration", seconds, iterationFlops / 1e9);
    }

    private static BenchmarkResult MeasureTrainerIteration(BenchmarkScale scale, double iterationFlops)
    {
        var config = new TrainingConfig
        {
            Preset = "bench-dcgan64",
            Data = "bench",
            ImageSize = 64,
            ImageChannels = 1,
            Generator = "dcgan64",
            Critic = "dcgan64",
            GeneratorWidth = scale.Width,
            CriticWidth = scale.Width,
            LatentDim = scale.LatentDim,
            LatentDistribution = "uniform",
            Loss = "non_saturating",
            Regularizer = "none",
            NCritic = 1,
            GLr = 5e-4, GBeta1 = 0.5, GBeta2 = 0.999,
            DLr = 1e-4, DBeta1 = 0.5, DBeta2 = 0.999,
            BatchSize = scale.BatchSize,
            Sampling = "replacement",
            Epochs = 1,
            SampleCount = 4,
        };
        var runDirectory = Path.Combine(Path.GetTempPath(), $"adversa-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using var images = new LabeledImages(rand(400, 1, 64, 64) * 2 - 1, [], [], "bench", PixelRange.Symmetric);
            using var trainer = GanTrainer.Start(config, runDirectory, images);
            var seconds = MedianSeconds(scale.Repetitions, () => trainer.TrainIteration(1));
            return new BenchmarkResult("trainer_iteration", seconds, iterationFlops / 1e9);
        }
        finally
        {
            if (Directory.Exists(runDirectory))
                Directory.Delete(runDirectory, recursive: true);
        }
    }

    private static double MedianSeconds(int repetitions, Action action)
    {
        action(); // warm-up: allocator, kernels selection
        var times = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[repetitions / 2];
    }
}
