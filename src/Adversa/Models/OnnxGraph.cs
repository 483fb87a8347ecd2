using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Adversa.Models;

/// <summary>A network that writes its own inference graph (the layers whose forward pass is more than a chain).</summary>
internal interface IOnnxExportable
{
    /// <summary>Adds this network's nodes to <paramref name="graph"/>, reading <paramref name="input"/>; returns its output's name.</summary>
    string AddTo(OnnxGraph graph, string input);
}

/// <summary>
/// An ONNX inference graph (opset 17, IR 8: what ONNX Runtime has read since 1.12) built from TorchSharp modules, in
/// float32. Chains (Sequential) are walked layer by layer; batch norm after a convolution or dense layer is folded into
/// its weights; networks whose forward pass is more than a chain say how through <see cref="IOnnxExportable"/>. OnnxSharp
/// holds the format's types; no package turns TorchSharp modules into ONNX (TorchSharp has no exporter), so the
/// mapping of layers to operators is ours.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The operator set the graph uses.</summary>
    public const int Opset = 17;

    private readonly GraphProto _graph = new() { Name = "adversa" };
    private int _counter;

    /// <summary>Declares a float32 graph input of shape N x <paramref name="dims"/> (N, the batch, left free).</summary>
    public string Input(string name, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(name, dims));
        return name;
    }

    /// <summary>Names <paramref name="value"/> as the graph's output of shape N x <paramref name="dims"/>.</summary>
    public void Output(string value, string name, params long[] dims)
    {
        Node("Identity", [value], [], name);
        _graph.Output.Add(ValueInfo(name, dims));
    }

    /// <summary>The finished model.</summary>
    public ModelProto ToModel(string producerVersion, string description)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "Adversa", ProducerVersion = producerVersion, DocString = description, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return model;
    }

    /// <summary>Adds <paramref name="module"/> applied to <paramref name="input"/>; returns the output's name.</summary>
    public string Add(nn.Module<Tensor, Tensor> module, string input) => module switch
    {
        IOnnxExportable custom => custom.AddTo(this, input),
        Sequential chain => AddChain([.. chain.children().Cast<nn.Module<Tensor, Tensor>>()], input),
        Linear linear => Dense(linear, null, input),
        Convolution conv => Convolve(conv, null, input),
        SpectralNorm normalised => normalised.Layer switch
        {
            Linear linear => Dense(linear, null, input, normalised.InferenceWeight()),
            Convolution conv => Convolve(conv, null, input, normalised.InferenceWeight()),
            var layer => throw new NotSupportedException($"ONNX export of spectral normalisation around a {layer.GetType().Name}"),
        },
        MinibatchLayer => throw new NotSupportedException("ONNX export of a critic with a minibatch layer (it compares the images of a batch)"),
        BatchNorm norm => Node("BatchNormalization", [input, Constant(norm.weight), Constant(norm.bias!), Constant(norm.running_mean!), Constant(norm.running_var!)],
            [Float("epsilon", norm.eps)]),
        GroupNorm { num_groups: 1 } norm => LayerNorm(norm, input),
        LeakyReLU leaky => Node("LeakyRelu", [input], [Float("alpha", leaky.negative_slope)]),
        ReLU => Node("Relu", [input], []),
        Tanh => Node("Tanh", [input], []),
        Sigmoid => Node("Sigmoid", [input], []),
        ZeroPad2d pad => Pad(pad.padding, input),
        Identity or Dropout or Dropout2d or UniformMaskDropout => input,
        _ => throw new NotSupportedException($"ONNX export of a {module.GetType().Name} layer is not supported"),
    };

    /// <summary>Flattens <paramref name="input"/> to N x (everything else).</summary>
    public string Flatten(string input) => Node("Flatten", [input], [Int("axis", 1)]);

    /// <summary>Reshapes <paramref name="input"/> to N x <paramref name="dims"/>.</summary>
    public string Reshape(string input, params long[] dims) => Node("Reshape", [input, Int64Constant([-1, .. dims])], []);

    /// <summary>Doubles the height and width of <paramref name="input"/> by repeating each pixel (PyTorch's nearest upsampling).</summary>
    public string UpsampleNearest2x(string input)
    {
        using var factors = tensor(new[] { 1f, 1f, 2f, 2f });
        return Node("Resize", [input, "", Constant(factors)], [Text("mode", "nearest"), Text("coordinate_transformation_mode", "asymmetric"), Text("nearest_mode", "floor")]);
    }

    /// <summary>Halves the height and width of <paramref name="input"/> by averaging each 2x2 square.</summary>
    public string AveragePool2x(string input) => Node("AveragePool", [input], [Ints("kernel_shape", [2, 2]), Ints("strides", [2, 2])]);

    /// <summary>Sums <paramref name="input"/> (N x C x H x W) over its positions: N x C.</summary>
    public string SumOverPositions(string input) => Node("ReduceSum", [input, Int64Constant([2, 3])], [Int("keepdims", 0)]);

    /// <summary>An elementwise operator (Add, Relu, Tanh) of <paramref name="inputs"/>.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, IReadOnlyList<AttributeProto> attributes, string? output = null)
    {
        output ??= $"{op.ToLowerInvariant()}_{_counter++}";
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    private string AddChain(IReadOnlyList<nn.Module<Tensor, Tensor>> layers, string input)
    {
        for (var i = 0; i < layers.Count; i++)
        {
            var next = i + 1 < layers.Count ? layers[i + 1] as BatchNorm : null;
            input = layers[i] switch
            {
                Linear linear when next is not null => Dense(linear, next, input),
                Convolution conv when next is not null => Convolve(conv, next, input),
                var layer => Add(layer, input),
            };
            if (next is not null && layers[i] is Linear or TorchSharp.Modules.Convolution)
                i++;
        }
        return input;
    }

    private string Dense(Linear linear, BatchNorm? norm, string input, Tensor? weightInUse = null)
    {
        var (weight, bias) = Folded(weightInUse ?? linear.weight, linear.bias, norm, outputAxis: 0);
        return Node("Gemm", [input, weight, bias], [Int("transB", 1)]);
    }

    private string Convolve(Convolution conv, BatchNorm? norm, string input, Tensor? weightInUse = null)
    {
        if (conv.groups != 1 || conv.padding is null || conv.padding_mode != PaddingModes.Zeros)
            throw new NotSupportedException("ONNX export takes convolutions with one group and explicit zero padding");
        // A transposed convolution's weight is in x out x kh x kw: its output channels are axis 1.
        var (weight, bias) = Folded(weightInUse ?? conv.weight, conv.bias, norm, outputAxis: conv.transposed ? 1 : 0);
        var pads = conv.padding.Concat(conv.padding).ToArray();
        List<AttributeProto> attributes = [Ints("kernel_shape", conv.kernel_size), Ints("strides", conv.stride), Ints("pads", pads), Ints("dilations", conv.dilation)];
        if (conv.transposed)
            attributes.Add(Ints("output_padding", conv.output_padding));
        return Node(conv.transposed ? "ConvTranspose" : "Conv", [input, weight, bias], attributes);
    }

    // The layer's weight and bias with the batch norm that follows folded in: y = (W x + b - mean) g / sqrt(var + eps) + beta.
    private (string Weight, string Bias) Folded(Tensor weight, Tensor? bias, BatchNorm? norm, int outputAxis)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w = weight.detach().to(float32).cpu();
        var outputs = w.shape[outputAxis];
        var b = bias?.detach().to(float32).cpu() ?? zeros(outputs);
        if (norm is not null)
        {
            var factor = norm.weight.detach().to(float32).cpu() / (norm.running_var!.to(float32).cpu() + norm.eps).sqrt();
            var shape = Enumerable.Repeat(1L, (int)w.dim()).ToArray();
            shape[outputAxis] = outputs;
            w = w * factor.view(shape);
            b = (b - norm.running_mean!.to(float32).cpu()) * factor + norm.bias!.detach().to(float32).cpu();
        }
        return (Constant(w), Constant(b));
    }

    // Layer normalisation over (C, H, W) with a per-channel affine map, spelled out (ONNX's LayerNormalization wants
    // a scale of the normalised shape, which a layer does not know): (x - mean) / sqrt(var + eps) * g + b.
    private string LayerNorm(GroupNorm norm, string input)
    {
        using var scope = NewDisposeScope();
        var channels = norm.weight.shape[0];
        List<AttributeProto> overSample = [Ints("axes", [1, 2, 3]), Int("keepdims", 1)];
        var centred = Node("Sub", [input, Node("ReduceMean", [input], overSample)], []);
        var variance = Node("ReduceMean", [Node("Mul", [centred, centred], [])], overSample);
        var deviation = Node("Sqrt", [Node("Add", [variance, Constant(tensor(new[] { (float)norm.eps }))], [])], []);
        var scaled = Node("Mul", [Node("Div", [centred, deviation], []), Constant(norm.weight.detach().view(channels, 1, 1))], []);
        return Node("Add", [scaled, Constant(norm.bias!.detach().view(channels, 1, 1))], []);
    }

    // TorchSharp's (left, right, top, bottom) as ONNX's (N, C, top, left) begins then ends.
    private string Pad(long[] padding, string input) =>
        Node("Pad", [input, Int64Constant([0, 0, padding[2], padding[0], 0, 0, padding[3], padding[1]])], [Text("mode", "constant")]);

    private string Constant(Tensor tensor)
    {
        var name = $"w{_counter++}";
        using var values = tensor.detach().to(float32).cpu().contiguous();
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(values.shape);
        proto.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.data<float>().ToArray().AsSpan()));
        _graph.Initializer.Add(proto);
        return name;
    }

    private string Int64Constant(long[] values)
    {
        var name = $"shape{_counter++}";
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        _graph.Initializer.Add(proto);
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        foreach (var d in dims)
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } } };
    }

    private static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Text(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto Float(string name, double value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)value };

    private static AttributeProto Ints(string name, IEnumerable<long> values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
