using Adversa.Runtime;
using Adversa.Training;

namespace Adversa.Tests.Training;

public sealed class ConfigTests
{
    [Fact]
    public void Settings_parse_by_the_keys_type()
    {
        var config = new TrainingConfig();
        config = ConfigOverrides.ApplyAssignment(config, "batch_size=7");
        config = ConfigOverrides.ApplyAssignment(config, "g_lr=3e-4");
        config = ConfigOverrides.ApplyAssignment(config, "critic_norm=layer");
        config = ConfigOverrides.ApplyAssignment(config, "seed=12345678901");
        Assert.Equal(7, config.BatchSize);
        Assert.Equal(3e-4, config.GLr);
        Assert.Equal(Adversa.Models.Normalization.Layer, config.CriticNorm);
        Assert.Equal(12345678901L, config.Seed);
    }

    [Fact]
    public void Seed_000s_wgan_takes_78_generator_steps_per_epoch_each_after_5_critic_batches_drawn_with_replacement()
    {
        // seed 000: nb_iterations = int(5000 / 64), nb_critic = 5, np.random.choice(samples_range, size=batch_size)
        var config = PresetCatalog.Get("wgan-fashion-mnist").Config;
        Assert.Equal((78, 5, 64, 5000), (config.IterationsPerEpoch, config.NCritic, config.BatchSize, config.MaxImages));
        Assert.Equal(Adversa.Data.SamplingMode.Replacement, config.Sampling);
        Assert.Equal(Adversa.Losses.GradientNormScope.Channel, PresetCatalog.Get("wgan-gp-shapes-full").Config.GpNorm);
        Assert.Equal(1, ConfigOverrides.ApplyAssignment(new TrainingConfig(), "n_critic=1").GSteps);
        Assert.Equal(4, ConfigOverrides.ApplyAssignment(new TrainingConfig(), "g_steps=4").GSteps);
        Assert.Equal(Adversa.Losses.GradientNormScope.Channel, ConfigOverrides.ApplyAssignment(new TrainingConfig(), "gp_norm=channel").GpNorm);
    }

    [Fact]
    public void An_unknown_key_lists_the_valid_ones()
    {
        var error = Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyAssignment(new TrainingConfig(), "learning_rate=1"));
        Assert.Equal("learning_rate", error.Setting);
        Assert.StartsWith("learning_rate: unknown key (valid keys: ", error.Message);
        Assert.Contains("g_lr", error.Message);
    }

    [Theory]
    [InlineData("batch_size=eight", "batch_size eight: must be an integer")]
    [InlineData("g_lr=fast", "g_lr fast: must be a number")]
    [InlineData("g_lr=NaN", "g_lr NaN: must be a number")]
    [InlineData("batch_size", "set batch_size: expected key=value")]
    [InlineData("loss=hinged", "loss hinged: unknown value (expected one of: wasserstein, non_saturating, minimax, hinge, least_squares)")]
    [InlineData("regularizer=spectral", "regularizer spectral: unknown value (expected one of: gradient_penalty, weight_clipping, r1, none)")]
    [InlineData("latent_distribution=cauchy", "latent_distribution cauchy: unknown value (expected one of: uniform, normal)")]
    [InlineData("sampling=stratified", "sampling stratified: unknown value (expected one of: shuffle, replacement)")]
    [InlineData("critic_norm=instance", "critic_norm instance: unknown value (expected one of: batch, layer, none)")]
    [InlineData("critic_batch_statistics=std_dev", "critic_batch_statistics std_dev: unknown value (expected one of: none, stddev, discrimination)")]
    [InlineData("generator=dcgan", "generator dcgan: unknown value (expected one of: residual, dcgan64, dcgan28, mlp28, sngan28, sngan64)")]
    [InlineData("eval_metrics=fid,nope", "eval_metrics fid,nope: unknown value 'nope' (expected any of: none, fid, kid, is, pr, all)")]
    public void A_bad_value_names_the_key_and_what_was_expected(string assignment, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyAssignment(new TrainingConfig(), assignment));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("batch_size=0", "batch_size 0: must be positive and at most 65536")]
    [InlineData("image_size=32", "image_size 32: generator dcgan64 makes 64x64 images")]
    [InlineData("critic=dcgan28", "critic dcgan28: reads 28x28 images but generator dcgan64 makes 64x64")]
    [InlineData("g_beta1=1.5", "g_beta1 1.5: must be in [0, 1)")]
    [InlineData("gp_weight=-1", "gp_weight -1: must be positive")]
    [InlineData("regularizer_every=0", "regularizer_every 0: must be positive and at most 1000")]
    public void Validation_refuses_inconsistent_configurations(string assignment, string message)
    {
        var config = ConfigOverrides.ApplyAssignment(PresetCatalog.Get("wgan-gp-shapes").Config, assignment);
        var error = Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(config));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_configuration_file_applies_its_keys_and_json_round_trips()
    {
        using var temp = new TempDirectory();
        var file = temp.File("config.json");
        File.WriteAllText(file, """{ "batch_size": 9, "loss": "non_saturating", "gp_weight": 2.5 }""");
        var config = ConfigOverrides.ApplyFile(new TrainingConfig(), file);
        Assert.Equal(9, config.BatchSize);
        Assert.Equal(Adversa.Losses.LossKind.NonSaturating, config.Loss);
        Assert.Contains("\"loss\": \"non_saturating\"", config.ToJson());
        Assert.Contains("\"eval_metrics\": \"fid,kid,is,pr\"", config.ToJson());
        Assert.Equal(2.5, config.GpWeight);
        Assert.Equal(config, TrainingConfig.FromJson(config.ToJson()));
        Assert.Contains("\"batch_size\": 9", config.ToJson());
    }

    [Fact]
    public void A_configuration_files_bad_value_names_the_file_and_the_key()
    {
        using var temp = new TempDirectory();
        var file = temp.File("config.json");
        File.WriteAllText(file, """{ "loss": "hinged" }""");
        Assert.Equal($"{file}: loss hinged: unknown value (expected one of: wasserstein, non_saturating, minimax, hinge, least_squares)",
            Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyFile(new TrainingConfig(), file)).Message);
        Assert.Throws<System.Text.Json.JsonException>(() => TrainingConfig.FromJson("""{ "loss": 3 }"""));
    }

    [Fact]
    public void A_broken_configuration_file_is_named()
    {
        using var temp = new TempDirectory();
        var file = temp.File("bad.json");
        File.WriteAllText(file, "{ not json");
        Assert.Contains(file, Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyFile(new TrainingConfig(), file)).Message);
        Assert.Contains("file not found", Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyFile(new TrainingConfig(), temp.File("none.json"))).Message);
    }

    [Fact]
    public void Every_preset_is_valid_and_named_after_itself()
    {
        foreach (var preset in PresetCatalog.All)
        {
            ConfigValidation.Validate(preset.Config);
            Assert.Equal(preset.Name, preset.Config.Preset);
        }
        Assert.StartsWith("preset nope: not found (available: wgan-gp-shapes", Assert.Throws<InvalidInputException>(() => PresetCatalog.Get("nope")).Message);
    }

    [Fact]
    public void The_64x64_sngan_preset_trains_on_the_data_of_seed_000s_wgan()
    {
        var sngan = PresetCatalog.Get("sngan-fashion-mnist-64-quick").Config;
        var wgan = PresetCatalog.Get("wgan-fashion-mnist-quick").Config;
        Assert.Equal((wgan.Data, wgan.MaxImages, wgan.ImageSize, wgan.ImageChannels), (sngan.Data, sngan.MaxImages, sngan.ImageSize, sngan.ImageChannels));
        Assert.Equal((5000, 64), (sngan.MaxImages, sngan.ImageSize));
        Assert.Equal((Adversa.Models.Architecture.Sngan64, Adversa.Models.Architecture.Sngan64), (sngan.Generator, sngan.Critic));
    }

    [Fact]
    public void The_seed_004_preset_keeps_the_seeds_hyperparameters()
    {
        var c = PresetCatalog.Get("wgan-gp-mnist").Config;
        Assert.Equal((20, LatentDistribution.Uniform, 128, 100, 2e-4, 0.9, 0.999, 10.0, 1), (c.LatentDim, c.LatentDistribution, c.BatchSize, c.Epochs, c.GLr, c.GBeta1, c.GBeta2, c.GpWeight, c.NCritic));
        Assert.Equal((128, 64, Adversa.Models.Normalization.Batch, 0.3), (c.GeneratorWidth, c.CriticWidth, c.CriticNorm, c.CriticDropout));
    }

    // A quick preset may depart from its seed only where its description and the README say it does.
    [Fact]
    public void The_quick_wgans_depart_from_their_seeds_only_where_they_say()
    {
        var seed000 = PresetCatalog.Get("wgan-fashion-mnist").Config;
        var quick000 = PresetCatalog.Get("wgan-fashion-mnist-quick").Config;
        Assert.Equal((16, 16, 2e-4, 2e-4, 12, 100, 1), (quick000.GeneratorWidth, quick000.CriticWidth, quick000.GLr, quick000.DLr, quick000.Epochs, quick000.IterationsPerEpoch, quick000.Seed));
        Assert.Equal(seed000, quick000 with
        {
            Preset = seed000.Preset, GeneratorWidth = seed000.GeneratorWidth, CriticWidth = seed000.CriticWidth, GLr = seed000.GLr, DLr = seed000.DLr,
            Epochs = seed000.Epochs, IterationsPerEpoch = seed000.IterationsPerEpoch, Seed = seed000.Seed,
        });

        var seed004 = PresetCatalog.Get("wgan-gp-mnist").Config;
        var quick004 = PresetCatalog.Get("wgan-gp-mnist-quick").Config;
        Assert.Equal((0.0, 0.999, 2, 0.5, 0.9, 64, 10, 100), (quick004.CriticDropout, quick004.GeneratorEmaDecay, quick004.NCritic, quick004.DBeta1, quick004.DBeta2, quick004.BatchSize, quick004.Epochs, quick004.IterationsPerEpoch));
        Assert.Equal(seed004, quick004 with
        {
            Preset = seed004.Preset, GeneratorWidth = seed004.GeneratorWidth, CriticWidth = seed004.CriticWidth, CriticNorm = seed004.CriticNorm,
            CriticDropout = seed004.CriticDropout, GeneratorEmaDecay = seed004.GeneratorEmaDecay, NCritic = seed004.NCritic,
            GBeta1 = seed004.GBeta1, GBeta2 = seed004.GBeta2, DBeta1 = seed004.DBeta1, DBeta2 = seed004.DBeta2,
            BatchSize = seed004.BatchSize, Epochs = seed004.Epochs, IterationsPerEpoch = seed004.IterationsPerEpoch,
        });
    }
}
