using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Bench;

/// <summary>One iteration (D step + G step) of seed 000's 64x64 DCGAN written with bare TorchSharp calls: the reference the trainer is measured against.</summary>
public sealed class BareDcganIteration : IDisposable
{
    private readonly Sequential _generator;
    private readonly Sequential _discriminator;
    private readonly Parameter[] _discriminatorParameters;
    private readonly OptimizerHelper _generatorOptimizer;
    private readonly OptimizerHelper _discriminatorOptimizer;
    private readonly Tensor _data;
    private readonly BenchmarkScale _scale;

    /// <summary>Builds both networks and optimisers at <paramref name="scale"/>, on 400 random grey 64x64 images.</summary>
    public BareDcganIteration(BenchmarkScale scale)
    {
        _scale = scale;
        manual_seed(1);
        var w = scale.Width;
        _generator = nn.Sequential(
            nn.ConvTranspose2d(scale.LatentDim, 8 * w, 4, stride: 1, padding: 0L), nn.BatchNorm2d(8 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(8 * w, 4 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(4 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(4 * w, 2 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(2 * w, w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(w), nn.LeakyReLU(0.2),
            nn.ConvTranspose2d(w, 1, 4, stride: 2, padding: 1L), nn.Tanh());
        _discriminator = nn.Sequential(
            nn.Conv2d(1, w, 4, stride: 2, padding: 1L), nn.LeakyReLU(0.2),
            nn.Conv2d(w, 2 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * w, 4 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(4 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(4 * w, 8 * w, 4, stride: 2, padding: 1L), nn.BatchNorm2d(8 * w), nn.LeakyReLU(0.2),
            nn.Conv2d(8 * w, 1, 4, stride: 1, padding: 0L));
        _discriminatorParameters = [.. _discriminator.parameters()];
        _generatorOptimizer = optim.Adam(_generator.parameters(), 5e-4, 0.5, 0.999);
        _discriminatorOptimizer = optim.Adam(_discriminatorParameters, 1e-4, 0.5, 0.999);
        _data = rand(400, 1, 64, 64) * 2 - 1;

        using var z = rand(scale.BatchSize, scale.LatentDim, 1, 1);
        using var x = rand(scale.BatchSize, 1, 64, 64);
        var generatorFlops = FlopCounter.ForwardFlops(_generator, z);
        var discriminatorFlops = FlopCounter.ForwardFlops(_discriminator, x);
        // D step: G forward; D forward on real and fake, and their backward (~2x forward each).
        // G step: G forward and backward (3x); D forward and its input-gradient backward (2x), its weights frozen.
        Flops = generatorFlops + 6 * discriminatorFlops + 3 * generatorFlops + 2 * discriminatorFlops;
    }

    /// <summary>Floating-point operations of one iteration, counted from the layer shapes.</summary>
    public double Flops { get; }

    /// <summary>Runs one iteration.</summary>
    public void Run()
    {
        using var scope = NewDisposeScope();
        var batch = _scale.BatchSize;
        // (1) Update D: maximise log D(x) + log(1 - D(G(z)))
        var real = _data.index_select(0, randint(0, 400, [batch], dtype: ScalarType.Int64));
        Tensor fake;
        using (no_grad())
            fake = _generator.forward(rand(batch, _scale.LatentDim, 1, 1) * 2 - 1);
        _discriminatorOptimizer.zero_grad();
        var realLogits = _discriminator.forward(real).view(-1);
        var fakeLogits = _discriminator.forward(fake).view(-1);
        var discriminatorLoss = nn.functional.binary_cross_entropy_with_logits(realLogits, ones_like(realLogits))
            + nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits));
        discriminatorLoss.backward();
        _discriminatorOptimizer.step();
        // (2) Update G: maximise log D(G(z))
        foreach (var p in _discriminatorParameters)
            p.requires_grad = false;
        _generatorOptimizer.zero_grad();
        var logits = _discriminator.forward(_generator.forward(rand(batch, _scale.LatentDim, 1, 1) * 2 - 1)).view(-1);
        var generatorLoss = nn.functional.binary_cross_entropy_with_logits(logits, ones_like(logits));
        generatorLoss.backward();
        _generatorOptimizer.step();
        foreach (var p in _discriminatorParameters)
            p.requires_grad = true;
        _ = discriminatorLoss.item<float>() + generatorLoss.item<float>();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _generatorOptimizer.Dispose();
        _discriminatorOptimizer.Dispose();
        _generator.Dispose();
        _discriminator.Dispose();
        _data.Dispose();
    }
}
