using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>
/// A class-conditional generator: its input is z followed by the one-hot class (N x (latent + classes), as
/// <c>LatentSampler</c> draws it for a conditional run); the class's learned embedding, as long as z, is appended to z
/// for the wrapped network (built for inputs twice the latent length), and its conditional batch-norm layers
/// read the class through the shared <see cref="ClassCondition"/>.
/// </summary>
public sealed class ClassConditionalGenerator : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _network;
    private readonly Linear _embedding;
    private readonly ClassCondition _condition;
    private readonly int _latentDim;

    /// <summary>Conditions <paramref name="network"/> (which maps 2 x <paramref name="latentDim"/> values to an image) on the classes of <paramref name="condition"/>.</summary>
    public ClassConditionalGenerator(nn.Module<Tensor, Tensor> network, int latentDim, ClassCondition condition) : base(nameof(ClassConditionalGenerator))
    {
        _network = network;
        _latentDim = latentDim;
        _condition = condition;
        // A dense layer without bias on a one-hot row is an embedding lookup that also takes mixed classes (a walk between classes).
        _embedding = nn.Linear(condition.Classes, latentDim, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Number of classes.</summary>
    public int Classes => _condition.Classes;

    /// <summary>Maps z and one-hot classes (N x (latent + classes)) to images.</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 2 || input.shape[1] != _latentDim + Classes)
            throw new ArgumentException($"expected N x {_latentDim + Classes} (z, then the one-hot class), got {string.Join(" x ", input.shape)}", nameof(input));
        using var scope = NewDisposeScope();
        var oneHot = input.narrow(1, _latentDim, Classes);
        _condition.OneHot = oneHot;
        try
        {
            return _network.call(cat([input.narrow(1, 0, _latentDim), _embedding.call(oneHot)], 1)).MoveToOuterDisposeScope();
        }
        finally
        {
            _condition.OneHot = null;
        }
    }
}
