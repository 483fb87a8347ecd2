using Adversa.Models;
using Adversa.Runtime;
using Adversa.Training;
using Adversa.Training.Outputs;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = TorchSharp.torch.Tensor;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Adversa.Tests.Training;

public sealed class ModelExportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    // Every built-in generator, in small widths, with each normalisation and output the residual one offers.
    private static readonly string[] GeneratorNames = ["dcgan64", "dcgan28", "mlp28", "residual", "residual-batch-tanh", "residual-layer", "sngan28", "sngan64"];

    public static TheoryData<string> Generators => [.. GeneratorNames];

    private static TrainingConfig ConfigOf(string name) => name switch
    {
        "dcgan64" => new TrainingConfig { Generator = Architecture.Dcgan64, GeneratorWidth = 4, LatentDim = 10, ImageChannels = 3, ImageSize = 64, LeakySlope = 0.2 },
        "dcgan28" => new TrainingConfig { Generator = Architecture.Dcgan28, GeneratorWidth = 16, LatentDim = 6, ImageChannels = 1, ImageSize = 28, LeakySlope = 0.3, LatentDistribution = LatentDistribution.Uniform },
        "mlp28" => new TrainingConfig { Generator = Architecture.Mlp28, GeneratorWidth = 8, LatentDim = 12, ImageChannels = 1, ImageSize = 28 },
        "residual" => new TrainingConfig { Generator = Architecture.Residual, GeneratorWidth = 2, LatentDim = 8, ImageChannels = 3, ImageSize = 64 },
        "residual-batch-tanh" => new TrainingConfig { Generator = Architecture.Residual, GeneratorWidth = 2, LatentDim = 8, GeneratorNorm = Normalization.Batch, GeneratorTanh = true },
        "residual-layer" => new TrainingConfig { Generator = Architecture.Residual, GeneratorWidth = 2, LatentDim = 8, GeneratorNorm = Normalization.Layer },
        "sngan28" => new TrainingConfig { Generator = Architecture.Sngan28, GeneratorWidth = 4, LatentDim = 8, ImageChannels = 1, ImageSize = 28 },
        "sngan64" => new TrainingConfig { Generator = Architecture.Sngan64, GeneratorWidth = 2, LatentDim = 8, ImageChannels = 3, ImageSize = 64 },
        _ => throw new ArgumentException(name),
    };

    // A generator whose batch norms have moved away from their initial statistics, so folding them is exercised.
    private static nn.Module<Tensor, Tensor> TrainedLike(TrainingConfig config, long seed)
    {
        manual_seed(seed);
        var generator = NetworkFactory.CreateGenerator(config);
        generator.train();
        using (no_grad())
            for (var i = 0; i < 3; i++)
                using (var scope = NewDisposeScope())
                    generator.forward(randn(16, config.LatentDim) * 2 + 0.5);
        generator.eval();
        return generator;
    }

    private static float[] Run(nn.Module<Tensor, Tensor> generator, Tensor latent)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return generator.forward(latent).contiguous().data<float>().ToArray();
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Onnx_runtime_draws_what_torchsharp_draws_within_1e_4(string name)
    {
        var config = ConfigOf(name);
        using var generator = TrainedLike(config, 1);
        var path = _temp.File($"{name}.onnx");
        ModelExport.Write(generator, config, path, ExportFormat.Onnx);

        manual_seed(2);
        using var latent = randn(5, config.LatentDim);
        var expected = Run(generator, latent);
        using var session = new InferenceSession(path);
        Assert.Equal("latent", session.InputMetadata.Keys.Single());
        var input = new DenseTensor(latent.data<float>().ToArray(), [5, config.LatentDim]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("latent", input)]);
        var output = results.Single(r => r.Name == "images").AsTensor<float>();
        Assert.Equal([5, config.ImageChannels, config.ImageSize, config.ImageSize], output.Dimensions.ToArray());
        var actual = output.ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second)) <= 1e-4, $"{name}: largest difference {expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second))}");
        Assert.Equal(ConfigEnum.NameOf(config.LatentDistribution), session.ModelMetadata.CustomMetadataMap["latent_distribution"]);
    }

    // Every built-in critic, with the normalisations, dropout and spectral normalisation they offer.
    public static TheoryData<string> Critics => ["dcgan64-layer", "dcgan28-batch-dropout", "mlp28", "residual-spectral", "sngan28-spectral", "sngan64"];

    private static TrainingConfig CriticConfigOf(string name) => name switch
    {
        "dcgan64-layer" => new TrainingConfig { Critic = Architecture.Dcgan64, CriticWidth = 4, CriticNorm = Normalization.Layer, ImageChannels = 3, ImageSize = 64 },
        "dcgan28-batch-dropout" => new TrainingConfig { Critic = Architecture.Dcgan28, CriticWidth = 8, CriticNorm = Normalization.Batch, ImageChannels = 1, ImageSize = 28 },
        "mlp28" => new TrainingConfig { Critic = Architecture.Mlp28, CriticWidth = 8, ImageChannels = 1, ImageSize = 28 },
        "residual-spectral" => new TrainingConfig { Critic = Architecture.Residual, CriticWidth = 2, CriticNorm = Normalization.None, CriticSpectralNorm = true, ImageChannels = 3, ImageSize = 64 },
        "sngan28-spectral" => new TrainingConfig { Critic = Architecture.Sngan28, CriticWidth = 4, CriticSpectralNorm = true, ImageChannels = 1, ImageSize = 28 },
        "sngan64" => new TrainingConfig { Critic = Architecture.Sngan64, CriticWidth = 2, ImageChannels = 3, ImageSize = 64 },
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Critics))]
    public void Onnx_runtime_scores_what_torchsharp_scores_within_1e_4(string name)
    {
        var config = CriticConfigOf(name);
        manual_seed(5);
        using var critic = NetworkFactory.CreateCritic(config);
        long[] shape = [6, config.ImageChannels, config.ImageSize, config.ImageSize];
        critic.train();
        using (no_grad())
            for (var i = 0; i < 3; i++)
                using (var scope = NewDisposeScope())
                    critic.forward(rand(shape) * 2 - 1);   // moves batch-norm statistics and spectral norm's estimates
        critic.eval();
        var path = _temp.File($"{name}.onnx");
        ModelExport.Write(critic, config, path, ExportFormat.Onnx);

        using var images = rand(shape) * 2 - 1;
        var expected = Run(critic, images);
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("images", new DenseTensor(images.data<float>().ToArray(), shape.Select(d => (int)d).ToArray()))]);
        var actual = results.Single(r => r.Name == "scores").AsTensor<float>().ToArray();
        Assert.Equal(6, actual.Length);
        var largest = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(largest <= 1e-4, $"{name}: largest difference {largest}");
    }

    [Fact]
    public void A_critic_with_a_minibatch_layer_is_refused_as_onnx_naming_why()
    {
        var run = _temp.File("minibatch");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(1) with { CriticBatchStatistics = BatchStatistics.StdDev }, run))
            trainer.Train();
        var target = _temp.File("critic.onnx");
        Assert.Equal("network critic: ONNX export of a critic with a minibatch layer (it compares the images of a batch); export it as safetensors or pth",
            Assert.Throws<InvalidInputException>(() => ModelExport.Export(run, target, ExportFormat.Onnx, ExportedNetwork.Critic)).Message);
        Assert.False(File.Exists(target));
        ModelExport.Export(run, _temp.File("critic.pth"), ExportFormat.Pth, ExportedNetwork.Critic);
    }

    [Theory]
    [InlineData("residual-batch-tanh", "safetensors")]
    [InlineData("dcgan28", "pth")]
    public void Weights_round_trip_through_safetensors_and_pth_exactly(string name, string extension)
    {
        var config = ConfigOf(name);
        using var generator = TrainedLike(config, 3);
        var path = _temp.File($"g.{extension}");
        ModelExport.Write(generator, config, path, ModelExport.FormatOf(path));
        using var loaded = NetworkFactory.CreateGenerator(config);
        ModelExport.LoadWeights(loaded, path);
        loaded.eval();
        using var latent = randn(4, config.LatentDim);
        Assert.Equal(Run(generator, latent), Run(loaded, latent));
        // The names a PyTorch user sees: no leading underscores.
        Assert.All(ModelExport.PortableStateDict(generator).Keys, key => Assert.DoesNotContain("._", "." + key));
    }

    [Fact]
    public void Loading_names_the_first_missing_misshapen_or_extra_parameter()
    {
        var config = ConfigOf("dcgan28");
        using var generator = NetworkFactory.CreateGenerator(config);
        var weights = ModelExport.PortableStateDict(generator);
        void Save(string path, Dictionary<string, Tensor> dictionary)
        {
            using var stream = File.Create(path);
            Safetensors.SaveStateDict(stream, dictionary);
        }
        var missing = _temp.File("missing.safetensors");
        Save(missing, weights.Where(w => w.Key != "upsample.3.weight").ToDictionary());
        Assert.Equal($"init_from {missing}: has no parameter upsample.3.weight (the network's is [16, 8, 5, 5])",
            Assert.Throws<InvalidInputException>(() => ModelExport.LoadWeights(generator, missing)).Message);
        var misshapen = _temp.File("misshapen.safetensors");
        Save(misshapen, weights.ToDictionary(w => w.Key, w => w.Key == "project.0.weight" ? zeros(3, 3) : w.Value));
        Assert.Equal($"init_from {misshapen}: parameter project.0.weight is [3, 3] there, [784, 6] in the network",
            Assert.Throws<InvalidInputException>(() => ModelExport.LoadWeights(generator, misshapen)).Message);
        var extra = _temp.File("extra.safetensors");
        Save(extra, weights.Append(new("head.weight", ones(2))).ToDictionary());
        Assert.Equal($"init_from {extra}: has a parameter head.weight the network lacks",
            Assert.Throws<InvalidInputException>(() => ModelExport.LoadWeights(generator, extra)).Message);
        var garbage = _temp.File("garbage.safetensors");
        File.WriteAllText(garbage, "not weights");
        Assert.StartsWith($"init_from {garbage}: cannot be read as weights", Assert.Throws<InvalidInputException>(() => ModelExport.LoadWeights(generator, garbage)).Message);
        Assert.Equal("init_from none.safetensors: file not found", Assert.Throws<InvalidInputException>(() => ModelExport.LoadWeights(generator, "none.safetensors")).Message);
    }

    [Fact]
    public void A_run_starts_from_exported_weights_and_resumes_without_them()
    {
        var source = _temp.File("source");
        using (var trainer = TrainingRun.Start(TinyRuns.Shapes(1), source))
            trainer.Train();
        var weights = _temp.File("g.safetensors");
        ModelExport.Export(source, weights, ExportFormat.Safetensors);

        var config = TinyRuns.Shapes(2) with { InitFrom = weights, Seed = 99 };
        using (var fresh = GanTrainer.Create(config))
        using (var exported = TrainedGenerator.Load(source))
        using (var latent = exported.Latents(4, seed: 0))
        {
            fresh.Components.Generator.eval();
            using var expected = exported.Generate(latent);
            Assert.Equal(expected.data<float>().ToArray(), Run(fresh.Components.Generator, latent));
        }

        var run = _temp.File("from-weights");
        using (var trainer = TrainingRun.Start(config with { Epochs = 1 }, run))
            trainer.Train();
        File.Delete(weights);
        using (var resumed = TrainingRun.Resume(run, epochs: 2))
            resumed.Train();
        Assert.Equal(2, TrainingCheckpoint.ReadRun(run).CompletedEpochs);
    }

    [PythonTorchFact]
    public void Pytorch_loads_every_generator_from_safetensors_and_pth_and_draws_the_same_images()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "adversa_models.py");
        foreach (var name in GeneratorNames)
        {
            var config = ConfigOf(name);
            using var generator = TrainedLike(config, 4);
            var folder = _temp.File(name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "config.json"), config.ToJson());
            using var latent = randn(3, config.LatentDim);
            using (var images = tensor(Run(generator, latent)).view(3, config.ImageChannels, config.ImageSize, config.ImageSize))
            using (var stream = File.Create(Path.Combine(folder, "probe.safetensors")))
                Safetensors.SaveStateDict(stream, new Dictionary<string, Tensor> { ["latent"] = latent, ["images"] = images });
            foreach (var extension in new[] { "safetensors", "pth" })
            {
                var weights = Path.Combine(folder, $"generator.{extension}");
                ModelExport.Write(generator, config, weights, ModelExport.FormatOf(weights));
                var (exitCode, output, error) = ChildProcess.Run(PythonTorchFactAttribute.Python,
                    [script, "check", Path.Combine(folder, "config.json"), weights, Path.Combine(folder, "probe.safetensors")]);
                Assert.True(exitCode == 0, $"{name} ({extension}): {output} {error}");
                Assert.Contains("largest difference", output);
            }
        }
    }

    public void Dispose() => _temp.Dispose();
}
