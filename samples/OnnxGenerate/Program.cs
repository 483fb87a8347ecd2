// Draws a grid of images from a generator exported by `adversa export RUN --out generator.onnx`:
// dotnet run --project samples/OnnxGenerate -- generator.onnx grid.png [count] [seed]
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SkiaSharp;

var (model, output) = (args[0], args[1]);
var count = args.Length > 2 ? int.Parse(args[2]) : 64;
var random = new Random(args.Length > 3 ? int.Parse(args[3]) : 0);
using var session = new InferenceSession(model);
var metadata = session.ModelMetadata.CustomMetadataMap;   // written by adversa export
var latentDim = int.Parse(metadata["latent_dim"]);
// Normal latents by Box-Muller, uniform ones on [-1, 1], as the run drew them in training.
float Draw() => metadata["latent_distribution"] == "uniform" ? (float)(random.NextDouble() * 2 - 1)
    : (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
var latent = new DenseTensor<float>(Enumerable.Range(0, count * latentDim).Select(_ => Draw()).ToArray(), [count, latentDim]);
using var results = session.Run([NamedOnnxValue.CreateFromTensor("latent", latent)]);
var images = results[0].AsTensor<float>();                // N x C x H x W in [-1, 1]
int channels = images.Dimensions[1], size = images.Dimensions[2], columns = (int)Math.Ceiling(Math.Sqrt(count));
using var grid = new SKBitmap(columns * size, (count + columns - 1) / columns * size);
for (var n = 0; n < count; n++)
    for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            byte Value(int c) => (byte)Math.Clamp((images[n, Math.Min(c, channels - 1), y, x] + 1) * 127.5f + 0.5f, 0, 255);
            grid.SetPixel(n % columns * size + x, n / columns * size + y, new SKColor(Value(0), Value(1), Value(2)));
        }
using (var file = File.Create(output))
    grid.Encode(file, SKEncodedImageFormat.Png, 100);
Console.WriteLine($"wrote {output}: {count} images of {channels}x{size}x{size} from {model}");
