using System.CommandLine;
using System.Globalization;
using Adversa.Data;
using Adversa.Evaluation;
using Adversa.Runtime;

namespace Adversa.Cli.Commands;

/// <summary><c>adversa classifier train|test</c>: the small classifiers whose features the metrics use where Inception-v3 is not available.</summary>
public static class ClassifierCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output) =>
        new("classifier", "Train or test the feature classifiers behind FID, KID, IS and precision/recall.") { CreateTrain(output), CreateTest(output) };

    private static Command CreateTrain(TextWriter output)
    {
        var data = new Option<string>("--data") { Description = "Labelled data set with a test split (mnist, fashion-mnist, shapes-test, an IDX folder).", Required = true };
        var outPath = new Option<string>("--out") { Description = "Classifier file to write.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training images.", DefaultValueFactory = _ => new ClassifierTrainingOptions().Epochs };
        var seed = new Option<long>("--seed") { Description = "The seed that makes the weights reproducible.", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = "Train on the first N training images only (0: all).", DefaultValueFactory = _ => 0 };
        var imageSize = new Option<int?>("--image-size") { Description = "Resize the images (bicubic) to this side first (default: as stored)." };
        var command = new Command("train", "Train a feature classifier deterministically and report its test accuracy.") { data, outPath, epochs, seed, limit, imageSize };
        command.SetAction(parse =>
        {
            var dataName = parse.GetValue(data)!;
            var target = parse.GetValue(outPath)!;
            if (parse.GetValue(epochs) < 1)
                throw new InvalidInputException("epochs", parse.GetValue(epochs).ToString(CultureInfo.InvariantCulture), "must be positive");
            if (parse.GetValue(limit) < 0)
                throw new InvalidInputException("limit", parse.GetValue(limit).ToString(CultureInfo.InvariantCulture), "must be 0 (every image) or positive");
            if (parse.GetValue(imageSize) is { } chosenSize && chosenSize is < 8 or > 512)
                throw new InvalidInputException("image_size", chosenSize.ToString(CultureInfo.InvariantCulture), "must be between 8 and 512 pixels");
            OutputPath.CheckFile(target, "out");
            var options = new ClassifierTrainingOptions(Epochs: parse.GetValue(epochs), Seed: parse.GetValue(seed));
            var source = DataSource.Resolve(dataName);
            using var loaded = source.Load(DatasetSplit.Train, options.Seed, channels: 1, size: 28);
            using var firstImages = ImageTransforms.TakeFirst(loaded, parse.GetValue(limit));
            using var storedTest = source.Load(DatasetSplit.Test, options.Seed, channels: 1, size: 28);
            var side = parse.GetValue(imageSize) ?? (int)firstImages.Height;
            using var train = ImageTransforms.Resize(firstImages, side);
            using var test = ImageTransforms.Resize(storedTest, side);
            var stepsPerEpoch = (train.Count + options.BatchSize - 1) / options.BatchSize;
            var accuracy = 0.0;
            using var classifier = LongOperation.Run(output, "steps", report => ClassifierTraining.Train(train, test, options,
                onEpoch: e =>
                {
                    accuracy = e.TestAccuracy;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e.Epoch}/{options.Epochs}: train loss {e.TrainLoss:F4}, test accuracy {e.TestAccuracy:P2}"));
                },
                onStep: (step, loss) => report(step, options.Epochs * stepsPerEpoch, string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}"))));
            var limitText = (parse.GetValue(limit) > 0 ? $" --limit {parse.GetValue(limit)}" : "") + (parse.GetValue(imageSize) is { } size ? $" --image-size {size}" : "");
            var description = new ClassifierDescription(Path.GetFileNameWithoutExtension(target), (int)train.Channels, (int)train.Height, train.ClassNames,
                train.Count, test.Count, accuracy, options.Epochs, options.Seed,
                $"adversa classifier train --data {dataName} --epochs {options.Epochs} --seed {options.Seed}{limitText} --out FILE");
            ClassifierFile.Save(target, classifier, description);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {target}: test accuracy {accuracy:P2} on {test.Count} images ({train.Count} training images, {options.Epochs} epochs, seed {options.Seed})"));
            return 0;
        });
        return command;
    }

    private static Command CreateTest(TextWriter output)
    {
        var classifierPath = new Argument<string>("classifier") { Description = "A classifier file, or the name of a built-in one (mnist, fashion-mnist, shapes)." };
        var data = new Option<string>("--data") { Description = "Labelled data set with a test split.", Required = true };
        var command = new Command("test", "Measure a feature classifier's accuracy on a test split.") { classifierPath, data };
        command.SetAction(parse =>
        {
            var (classifier, description) = FeatureNetworkCatalog.LoadClassifier(parse.GetValue(classifierPath)!);
            using (classifier)
            {
                var (accuracy, images) = ClassifierTraining.AccuracyOnTestSplit(classifier, description, DataSource.Resolve(parse.GetValue(data)!));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description.Name}: test accuracy {accuracy:P2} on {images} images (recorded when trained: {description.TestAccuracy:P2})"));
            }
            return 0;
        });
        return command;
    }
}
