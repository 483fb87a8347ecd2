using Adversa.Data;
using Adversa.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Adversa.Evaluation;

/// <summary>How a feature classifier is trained.</summary>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Adam's initial rate; it follows a cosine to 0 over the run.</param>
/// <param name="MaxShift">Random translation, in pixels, applied to every training image (0 turns it off).</param>
/// <param name="Seed">Initial weights, shuffling, shifts and dropout all derive from it.</param>
public sealed record ClassifierTrainingOptions(int Epochs = 12, int BatchSize = 128, double LearningRate = 2e-3, int MaxShift = 2, long Seed = 0);

/// <summary>The end of one classifier epoch.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's steps.</param>
/// <param name="TestAccuracy">Accuracy on the held-out images after the epoch.</param>
public sealed record ClassifierEpoch(int Epoch, double TrainLoss, double TestAccuracy);

/// <summary>Trains an <see cref="ImageClassifier"/> deterministically (same seed, same thread count: same weights).</summary>
public static class ClassifierTraining
{
    /// <summary>
    /// Trains on <paramref name="train"/> (byte-valued or [-1, 1] images, labelled) and measures on <paramref name="test"/>
    /// after every epoch; <paramref name="onStep"/> is told after each step, <paramref name="onEpoch"/> after each epoch.
    /// </summary>
    public static ImageClassifier Train(LabeledImages train, LabeledImages test, ClassifierTrainingOptions options,
        Action<ClassifierEpoch>? onEpoch = null, Action<int, double>? onStep = null)
    {
        if (train.Labels.Length != train.Count || test.Labels.Length != test.Count)
            throw new InvalidInputException("data", train.Source, "training a classifier needs a label for every image");
        if (options.Epochs < 1 || options.BatchSize < 1 || options.MaxShift < 0)
            throw new InvalidInputException($"classifier options: epochs and batch size must be positive and the shift not negative (got {options})");
        Reproducibility.Seed(options.Seed);
        using var generator = new Generator((ulong)options.Seed);
        using var trainImages = ImageTransforms.ToSymmetricRange(train);
        using var labels = tensor(train.Labels);
        var classifier = new ImageClassifier((int)train.Channels, (int)train.Height, train.ClassNames.Length);
        using var optimizer = optim.Adam(classifier.parameters(), options.LearningRate);
        var stepsPerEpoch = (int)((train.Count + options.BatchSize - 1) / options.BatchSize);
        var totalSteps = options.Epochs * stepsPerEpoch;
        var step = 0;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            classifier.train();
            using var order = randperm(train.Count, generator: generator);
            var lossSum = 0.0;
            for (var batch = 0; batch < stepsPerEpoch; batch++, step++)
            {
                using var scope = NewDisposeScope();
                var indices = order.narrow(0, (long)batch * options.BatchSize, Math.Min(options.BatchSize, train.Count - (long)batch * options.BatchSize));
                var images = Shift(trainImages.Images.index_select(0, indices), options.MaxShift, generator);
                foreach (var group in optimizer.ParamGroups)
                    group.LearningRate = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps));
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(classifier.forward(images), labels.index_select(0, indices));
                loss.backward();
                optimizer.step();
                var value = loss.item<float>();
                lossSum += value;
                onStep?.Invoke(step + 1, value);
            }
            onEpoch?.Invoke(new ClassifierEpoch(epoch, lossSum / stepsPerEpoch, Accuracy(classifier, test)));
        }
        classifier.eval();
        return classifier;
    }

    /// <summary>Fraction of <paramref name="data"/> (labelled) that <paramref name="classifier"/> classifies correctly, in inference mode.</summary>
    public static double Accuracy(ImageClassifier classifier, LabeledImages data, int batchSize = 500)
    {
        var wasTraining = classifier.training;
        classifier.eval();
        using var images = ImageTransforms.ToSymmetricRange(data);
        long correct = 0;
        using (no_grad())
        {
            for (long start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var count = Math.Min(batchSize, data.Count - start);
                var predicted = classifier.forward(images.Images.narrow(0, start, count)).argmax(1);
                correct += predicted.eq(tensor(data.Labels[(int)start..(int)(start + count)])).sum().item<long>();
            }
        }
        classifier.train(wasTraining);
        return correct / (double)data.Count;
    }

    /// <summary>
    /// The accuracy of a saved classifier on the test split of <paramref name="data"/>, prepared as its training
    /// images were (the data seed it was trained with, resized bicubically to its input size), and the images measured.
    /// </summary>
    public static (double Accuracy, long Images) AccuracyOnTestSplit(ImageClassifier classifier, ClassifierDescription description, DataSource data)
    {
        using var stored = data.Load(DatasetSplit.Test, description.Seed, description.Channels, description.ImageSize);
        if (stored.Channels != description.Channels)
            throw new InvalidInputException("data", data.ToString(), $"{stored.Channels}-channel images do not fit a classifier for {description.Channels} channel(s)");
        using var test = ImageTransforms.Resize(stored, description.ImageSize);
        return (Accuracy(classifier, test), test.Count);
    }

    // Translates each image by up to maxShift pixels in each direction, filling with the background (-1).
    private static Tensor Shift(Tensor images, int maxShift, Generator generator)
    {
        if (maxShift == 0)
            return images;
        var (n, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        var padded = nn.functional.pad(images, [maxShift, maxShift, maxShift, maxShift], value: -1.0);
        var offsets = randint(0, 2 * maxShift + 1, [n, 2], generator: generator).data<long>().ToArray();
        var shifted = new Tensor[n];
        for (var i = 0; i < n; i++)
            shifted[i] = padded[i].narrow(1, offsets[2 * i], height).narrow(2, offsets[2 * i + 1], width);
        return stack(shifted);
    }
}
