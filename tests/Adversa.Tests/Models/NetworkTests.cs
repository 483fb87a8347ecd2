using Adversa.Models;
using Adversa.Training;
using static TorchSharp.torch;

namespace Adversa.Tests.Models;

public sealed class NetworkTests
{
    private static long Trainable(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Fact]
    public void Seed_004_generator_has_the_seeds_trainable_parameter_count()
    {
        // Keras reports 817,824 including BN moving statistics (12,992); trainable: 804,832.
        using var generator = new SmallDcganGenerator(new SmallDcganGeneratorOptions());
        Assert.Equal(804_832, Trainable(generator));
        using var z = rand(3, 20);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, generator.forward(z).shape);
    }

    [Fact]
    public void Seed_004_critic_has_the_seeds_trainable_parameter_count()
    {
        // Keras reports 1,040,385 including BN moving statistics (896): trainable 1,039,489.
        using var critic = new SmallDcganCritic(new SmallDcganCriticOptions());
        Assert.Equal(1_039_489, Trainable(critic));
        using var x = rand(3, 1, 28, 28);
        Assert.Equal(new long[] { 3 }, critic.forward(x).shape);
    }

    [Fact]
    public void Seed_000_DCGAN_maps_z_to_64x64_and_back_to_one_score()
    {
        using var generator = new DcganGenerator(new DcganGeneratorOptions(LatentDim: 16, ImageChannels: 1, Width: 8));
        using var discriminator = new DcganDiscriminator(new DcganDiscriminatorOptions(ImageChannels: 1, Width: 8));
        using var images = generator.forward(rand(2, 16));
        Assert.Equal(new long[] { 2, 1, 64, 64 }, images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.Equal(new long[] { 2 }, discriminator.forward(images).shape);
    }

    [Fact]
    public void Seed_003_residual_networks_keep_their_shapes_at_any_width()
    {
        foreach (var width in new[] { 2, 4 })
        {
            using var generator = new ResidualGenerator(new ResidualGeneratorOptions(LatentDim: 8, ImageChannels: 3, Width: width));
            using var critic = new ResidualCritic(new ResidualCriticOptions(ImageChannels: 3, Width: width));
            using var images = generator.forward(randn(2, 8));
            Assert.Equal(new long[] { 2, 3, 64, 64 }, images.shape);
            Assert.Equal(new long[] { 2 }, critic.forward(images).shape);
        }
    }

    [Fact]
    public void Residual_blocks_resample_as_named()
    {
        using var x = randn(1, 4, 8, 8);
        using var down = new ResidualBlock(4, 6, Resampling.Down);
        using var none = new ResidualBlock(4, 6, Resampling.None);
        using var up = new ResidualBlock(4, 6, Resampling.Up);
        Assert.Equal(new long[] { 1, 6, 4, 4 }, down.forward(x).shape);
        Assert.Equal(new long[] { 1, 6, 8, 8 }, none.forward(x).shape);
        Assert.Equal(new long[] { 1, 6, 16, 16 }, up.forward(x).shape);
        Assert.True(up.forward(x).min().item<float>() >= 0); // the block ends with a ReLU
    }

    [Fact]
    public void Same_padding_for_even_kernels_pads_one_before_and_two_after_like_TensorFlow()
    {
        using var conv = SamePaddingConv.Create(1, 1, 4);
        using (no_grad())
            foreach (var p in conv.parameters())
                p.fill_(1);
        // All-ones input, all-ones 4x4 kernel, bias 1: the top-left output sees rows/columns -1..2, of which 3x3 lie inside.
        using var output = conv.forward(ones(1, 1, 6, 6));
        Assert.Equal(new long[] { 1, 1, 6, 6 }, output.shape);
        Assert.Equal(10f, output[0, 0, 0, 0].item<float>());
        Assert.Equal(17f, output[0, 0, 2, 2].item<float>());
        Assert.Equal(5f, output[0, 0, 5, 5].item<float>()); // rows and columns 4..7: two of each inside
    }

    [Fact]
    public void Layer_normalisation_starts_with_unit_weight_and_zero_bias()
    {
        // TorchSharp 0.107's GroupNorm leaves both uninitialised; Adversa sets them as PyTorch does.
        for (var i = 0; i < 20; i++)
        {
            using var layer = NormalizationLayers.InitializedGroupNorm(1, 16);
            Assert.True(layer.weight!.eq(1).all().item<bool>());
            Assert.True(layer.bias!.eq(0).all().item<bool>());
        }
    }

    [Fact]
    public void Residual_networks_take_a_normalisation()
    {
        using var generator = new ResidualGenerator(new ResidualGeneratorOptions(8, 3, 2, TanhOutput: true, Normalization: Normalization.Batch));
        Assert.Equal(10, generator.modules().Count(m => m is TorchSharp.Modules.BatchNorm2d)); // two per block, five blocks
        using var images = generator.forward(randn(3, 8));
        Assert.True(images.abs().max().item<float>() <= 1f);
        using var critic = new ResidualCritic(new ResidualCriticOptions(3, 2, Normalization.Layer));
        Assert.Equal(10, critic.modules().Count(m => m is TorchSharp.Modules.GroupNorm));
    }

    [Fact]
    public void Layer_normalisation_is_selectable_in_the_critic()
    {
        using var critic = new SmallDcganCritic(new SmallDcganCriticOptions(Normalization: Normalization.Layer));
        Assert.DoesNotContain(critic.modules(), m => m is TorchSharp.Modules.BatchNorm2d);
        Assert.Contains(critic.modules(), m => m is TorchSharp.Modules.GroupNorm);
    }

    [Fact]
    public void Every_catalogue_architecture_builds_from_a_configuration()
    {
        foreach (var name in Enum.GetValues<Architecture>())
        {
            var size = Architectures.ImageSize(name);
            var config = new TrainingConfig { Generator = name, Critic = name, GeneratorWidth = 4, CriticWidth = 4, LatentDim = 8, ImageChannels = 3, ImageSize = size };
            using var generator = NetworkFactory.CreateGenerator(config);
            using var critic = NetworkFactory.CreateCritic(config);
            using var images = generator.forward(randn(2, 8));
            Assert.Equal(new long[] { 2, 3, size, size }, images.shape);
            Assert.Equal(new long[] { 2 }, critic.forward(images).shape);
        }
    }
}
