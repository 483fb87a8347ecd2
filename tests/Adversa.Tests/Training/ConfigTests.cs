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
        Assert.Equal("layer", config.CriticNorm);
        Assert.Equal(12345678901L, config.Seed);
    }

    [Fact]
    public void An_unknown_key_lists_the_valid_ones()
    {
        var error = Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyAssignment(new TrainingConfig(), "learning_rate=1"));
        Assert.Contains("unknown key 'learning_rate'", error.Message);
        Assert.Contains("g_lr", error.Message);
    }

    [Theory]
    [InlineData("batch_size=eight", "batch_size must be an integer")]
    [InlineData("g_lr=fast", "g_lr must be a number")]
    [InlineData("g_lr=NaN", "g_lr must be a number")]
    [InlineData("batch_size", "expected key=value")]
    public void A_bad_value_names_the_key_and_what_was_expected(string assignment, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => ConfigOverrides.ApplyAssignment(new TrainingConfig(), assignment));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("batch_size=0", "batch_size: must be positive")]
    [InlineData("loss=hinged", "loss: unknown loss 'hinged'")]
    [InlineData("regularizer=spectral", "expected one of: gradient_penalty, weight_clipping, r1, none")]
    [InlineData("image_size=32", "image_size: generator 'dcgan64' makes 64x64")]
    [InlineData("critic=dcgan28", "reads 28x28 images")]
    [InlineData("g_beta1=1.5", "g_beta1: must be in [0, 1)")]
    [InlineData("latent_distribution=cauchy", "expected uniform or normal")]
    [InlineData("sampling=stratified", "expected shuffle or replacement")]
    [InlineData("critic_norm=instance", "unknown normalisation 'instance'")]
    public void Validation_refuses_inconsistent_configurations(string assignment, string message)
    {
        var config = ConfigOverrides.ApplyAssignment(PresetCatalog.Get("wgan-gp-shapes").Config, assignment);
        var error = Assert.Throws<InvalidInputException>(() => ConfigValidation.Validate(config));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_configuration_file_applies_its_keys_and_json_round_trips()
    {
        using var temp = new TempDirectory();
        var file = temp.File("config.json");
        File.WriteAllText(file, """{ "batch_size": 9, "loss": "non_saturating", "gp_weight": 2.5 }""");
        var config = ConfigOverrides.ApplyFile(new TrainingConfig(), file);
        Assert.Equal(9, config.BatchSize);
        Assert.Equal("non_saturating", config.Loss);
        Assert.Equal(2.5, config.GpWeight);
        Assert.Equal(config, TrainingConfig.FromJson(config.ToJson()));
        Assert.Contains("\"batch_size\": 9", config.ToJson());
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
        Assert.Contains("available: wgan-gp-shapes", Assert.Throws<InvalidInputException>(() => PresetCatalog.Get("nope")).Message);
    }

    [Fact]
    public void The_seed_004_preset_keeps_the_seeds_hyperparameters()
    {
        var c = PresetCatalog.Get("wgan-gp-mnist").Config;
        Assert.Equal((20, "uniform", 128, 100, 2e-4, 0.9, 0.999, 10.0, 1), (c.LatentDim, c.LatentDistribution, c.BatchSize, c.Epochs, c.GLr, c.GBeta1, c.GBeta2, c.GpWeight, c.NCritic));
        Assert.Equal((128, 64, "batch", 0.3), (c.GeneratorWidth, c.CriticWidth, c.CriticNorm, c.CriticDropout));
    }
}
