using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Training;

/// <summary>
/// The ends of latent walks chosen as seed 002 chooses them (a generated 4 walking to a generated 8): by the class a
/// classifier sees in the generated image, or by their place in a sample grid.
/// </summary>
public static class WalkEnds
{
    /// <summary>
    /// <paramref name="rows"/> pairs of latent vectors: among <paramref name="candidates"/> drawn with
    /// <paramref name="seed"/>, the ones whose images the classifier of the run's data (or <paramref name="features"/>)
    /// most surely assigns to class <paramref name="fromClass"/> and to <paramref name="toClass"/> (a class name, or its
    /// index), most confident first. A class-conditional generator is asked for the classes instead: each end has its
    /// own z (drawn with <paramref name="seed"/>) and the class, so a walk within a class varies the image and a walk
    /// between classes passes through their mixture.
    /// </summary>
    public static (Tensor From, Tensor To) ByClass(TrainedGenerator generator, string fromClass, string toClass, int rows, long seed, string? features = null, int candidates = 1000)
    {
        if (rows <= 0)
            throw new InvalidInputException("rows", rows.ToString(CultureInfo.InvariantCulture), "must be positive");
        if (generator.Classes > 0)
        {
            var (first, second) = (generator.ClassIndex(fromClass, "from"), generator.ClassIndex(toClass, "to"));
            using var starts = generator.Latents(2 * rows, seed, first);
            using var ends = generator.Latents(2 * rows, seed, second);
            // Rows 0..rows-1 of one draw start the walks, rows rows..2rows-1 of the same z draw end them: independent z at the two ends.
            return (starts[..rows].clone(), ends[rows..(2 * rows)].clone());
        }
        using var network = FeatureNetworkCatalog.For(DataSource.Resolve(generator.Config.Data), features, CPU);
        if (network is not ClassifierFeatureNetwork classifier)
            throw new InvalidInputException("features", features, "choosing ends by class needs a classifier (a built-in name or a classifier file), not a TorchScript network");
        var classNames = classifier.Description.ClassNames;
        var (from, to) = (ClassIndex(classNames, fromClass, "from"), ClassIndex(classNames, toClass, "to"));
        using var scope = NewDisposeScope();
        var latents = generator.Latents(candidates, seed);
        using var embedding = Embedding.Of(network, Embedding.Batches(generator.Generate(latents)));
        var predicted = embedding.Probabilities!.argmax(1);
        Tensor Most(int index, string setting)
        {
            var probability = embedding.Probabilities![.., index];
            var confidence = torch.where(predicted.eq(index), probability, full_like(probability, -1));
            var (values, order) = confidence.topk(rows);
            if (values[rows - 1].item<float>() < 0)
                throw new InvalidInputException(setting, classNames[index],
                    $"only {predicted.eq(index).sum().item<long>()} of {candidates} generated images look like it to {classifier.Description.Name}'s classifier; {rows} are needed (ask for fewer rows, or train longer)");
            return latents.index_select(0, order);
        }
        return (Most(from, "from").MoveToOuterDisposeScope(), Most(to, "to").MoveToOuterDisposeScope());
    }

    /// <summary>
    /// One pair: the latent vectors of images <paramref name="fromIndex"/> and <paramref name="toIndex"/> (0-based,
    /// row by row) of the grid that <c>adversa sample RUN --seed <paramref name="seed"/></c> draws.
    /// </summary>
    public static (Tensor From, Tensor To) ByIndex(TrainedGenerator generator, int fromIndex, int toIndex, long seed)
    {
        if (fromIndex < 0)
            throw new InvalidInputException("from_index", fromIndex.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
        if (toIndex < 0)
            throw new InvalidInputException("to_index", toIndex.ToString(CultureInfo.InvariantCulture), "must be 0 or more");
        using var latents = generator.Latents(Math.Max(fromIndex, toIndex) + 1, seed);
        return (latents[fromIndex..(fromIndex + 1)].clone(), latents[toIndex..(toIndex + 1)].clone());
    }

    private static int ClassIndex(string[] classNames, string nameOrIndex, string setting)
    {
        var byName = Array.IndexOf(classNames, nameOrIndex);
        if (byName >= 0)
            return byName;
        if (int.TryParse(nameOrIndex, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < classNames.Length)
            return index;
        throw new InvalidInputException(setting, nameOrIndex, $"not a class of this classifier (classes: {string.Join(", ", classNames.Select((n, i) => $"{i} {n}"))})");
    }
}
