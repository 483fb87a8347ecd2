using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// The classes of the batch a class-conditional generator is drawing, shared with its conditional batch-norm layers:
/// <see cref="ClassConditionalGenerator"/> sets them (one-hot rows) for the length of its forward pass, and the layers
/// read them. The built-in generators are chains of one-input layers, so the class reaches their layers this way
/// rather than as a second input to every layer.
/// </summary>
/// <param name="classes">Number of classes.</param>
public sealed class ClassCondition(int classes)
{
    /// <summary>Number of classes.</summary>
    public int Classes { get; } = classes > 0 ? classes : throw new ArgumentOutOfRangeException(nameof(classes), "must be positive");

    /// <summary>The one-hot classes (N x classes) of the batch being drawn; null outside a forward pass.</summary>
    internal Tensor? OneHot { get; set; }

    internal Tensor Current => OneHot ?? throw new InvalidOperationException("a class-conditional layer ran outside its generator's forward pass");
}

/// <summary>
/// Conditional batch normalisation (de Vries et al. 2017; Miyato and Koyama 2018, section 4): the batch's statistics
/// as in batch norm, then a gain and a bias per class instead of one affine map. The gains start at 1 and the biases
/// at 0, so that before training the layer is plain batch norm.
/// </summary>
public sealed class ConditionalBatchNorm : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _norm;
    private readonly Embedding _gain;
    private readonly Embedding _bias;
    private readonly ClassCondition _condition;

    /// <summary>Over <paramref name="channels"/> features of N x C (<paramref name="spatial"/> false) or N x C x H x W inputs.</summary>
    public ConditionalBatchNorm(long channels, bool spatial, ClassCondition condition) : base(nameof(ConditionalBatchNorm))
    {
        _condition = condition;
        _norm = spatial ? nn.BatchNorm2d(channels, affine: false) : nn.BatchNorm1d(channels, affine: false);
        _gain = nn.Embedding(condition.Classes, channels);
        _bias = nn.Embedding(condition.Classes, channels);
        using (no_grad())
        {
            _gain.weight!.fill_(1);
            _bias.weight!.fill_(0);
        }
        RegisterComponents();
    }

    /// <summary>Batch norm for a generator: conditional on <paramref name="condition"/>'s classes when given, else the usual layer.</summary>
    public static nn.Module<Tensor, Tensor> Create(long channels, bool spatial, ClassCondition? condition) =>
        condition is not null ? new ConditionalBatchNorm(channels, spatial, condition)
        : spatial ? nn.BatchNorm2d(channels) : nn.BatchNorm1d(channels);

    /// <summary>
    /// Normalises <paramref name="input"/> and applies the gain and bias of each row's class. The one-hot rows select them
    /// by a matrix product, which for a mixture of classes (a walk between two) gives the mixture of their gains and
    /// biases, as the generator's class embedding does.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var classes = _condition.Current;
        var shape = input.dim() == 4 ? new long[] { input.shape[0], input.shape[1], 1, 1 } : [input.shape[0], input.shape[1]];
        return (_norm.call(input) * classes.matmul(_gain.weight!).view(shape) + classes.matmul(_bias.weight!).view(shape)).MoveToOuterDisposeScope();
    }
}
