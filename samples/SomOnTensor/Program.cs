// A self-organizing map of colours (MiniSom's first example), trained on a tensor; its U-matrix written to PNG.
// dotnet run --project samples/SomOnTensor [-- OUT.png [--tiny]]
using Adversa.Som;
using static TorchSharp.torch;

var tiny = args.Contains("--tiny");
var output = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "colours-umatrix.png";

manual_seed(3);
using var colours = rand(tiny ? 100 : 1000, 3); // RGB in [0, 1]

var config = new SomConfig
{
    Rows = tiny ? 6 : 20, Columns = tiny ? 6 : 20, Epochs = tiny ? 5 : 100, ConvergenceEpochs = tiny ? 2 : 20,
    Sigma = tiny ? 2 : 6, SigmaFinal = 0.5, LearningRate = 0.5, LearningRateFinal = 0.05, Tau = tiny ? 3 : 40,
    Initialization = SomInitialization.Samples, NormalizeWeights = false, Seed = 1,
};
using var map = new SelfOrganizingMap(config, inputDim: 3);
map.Initialize(colours);
map.Train(colours);

var (quantization, topographic) = map.Errors(colours);
Console.WriteLine($"quantization error {quantization:F4}, topographic error {topographic:P1}");
File.WriteAllBytes(output, SomPlots.ValueMap(map.Grid, map.UMatrix(), "U-matrix of the colour map"));
Console.WriteLine($"wrote {output}");
