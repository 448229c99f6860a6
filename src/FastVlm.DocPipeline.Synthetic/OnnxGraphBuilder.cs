using System.Globalization;
using FastVlm.DocPipeline.Synthetic.Proto;
using Google.Protobuf;
using DataType = FastVlm.DocPipeline.Synthetic.Proto.TensorProto.Types.DataType;

namespace FastVlm.DocPipeline.Synthetic;

/// <summary>
/// Builds one ONNX graph (standard ops, plus MatMulNBits in a q4 or q4f16 graph) whose weights are described lazily, so that the
/// <see cref="OnnxModelWriter"/> can stream them to disk without holding them in memory.
/// </summary>
internal sealed class OnnxGraphBuilder
{
    public const string MicrosoftDomain = "com.microsoft";

    private readonly Dictionary<string, string> _int64Constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nameCounts = new(StringComparer.Ordinal);
    private string _scope = string.Empty;

    public OnnxGraphBuilder(string graphName, ulong seed, WeightPrecision precision, bool hasConvolutions = false)
    {
        Graph = new GraphProto { Name = graphName };
        Seed = seed;
        Precision = precision;
        HasConvolutions = hasConvolutions;
    }

    /// <summary>True for a graph with Conv nodes: the <see cref="WeightPrecision.Quantized"/> variant stores uint8 weights there.</summary>
    public bool HasConvolutions { get; }

    /// <summary>Whether 8-bit weights are signed in this graph; null when the weights are not 8-bit.</summary>
    private bool? SignedIntegerWeights => Precision switch
    {
        WeightPrecision.Int8 => true,
        WeightPrecision.Uint8 => false,
        WeightPrecision.Quantized => !HasConvolutions,
        _ => null,
    };

    public GraphProto Graph { get; }

    public ulong Seed { get; }

    public WeightPrecision Precision { get; }

    /// <summary>Element type of the graph's floating-point inputs and outputs.</summary>
    public DataType IoFloat => Precision == WeightPrecision.Float16 ? DataType.Float16 : DataType.Float;

    /// <summary>Element type of the stored float weights: float16 in the fp16 and q4f16 graphs.</summary>
    private DataType WeightFloat => Precision is WeightPrecision.Float16 or WeightPrecision.Q4F16 ? DataType.Float16 : DataType.Float;

    public List<(TensorProto Meta, TensorData Data)> Initializers { get; } = [];

    /// <summary>True once a node of ONNX Runtime's contrib domain (MatMulNBits) is in the graph.</summary>
    public bool UsesMicrosoftDomain { get; private set; }

    /// <summary>Prefix for generated value names until the returned scope is disposed.</summary>
    public IDisposable Scope(string name)
    {
        var previous = _scope;
        _scope = previous.Length == 0 ? name : previous + "/" + name;
        return new ScopeRestorer(this, previous);
    }

    public string Input(string name, DataType type, params object[] dims)
    {
        Graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares a graph output called <paramref name="name"/> carrying <paramref name="value"/>.</summary>
    public void Output(string name, string value, DataType type, params object[] dims)
    {
        if (value != name)
        {
            Graph.Node.Add(new NodeProto { OpType = "Identity", Name = name + "_identity", Input = { value }, Output = { name } });
        }
        Graph.Output.Add(ValueInfo(name, type, dims));
    }

    public string Op(string opType, string[] inputs, params (string Name, object Value)[] attributes)
        => OpMulti(opType, 1, inputs, attributes)[0];

    public string[] OpMulti(string opType, int outputCount, string[] inputs, params (string Name, object Value)[] attributes)
    {
        var nodeName = UniqueName(opType);
        var node = new NodeProto { OpType = opType, Name = nodeName };
        node.Input.AddRange(inputs);
        var outputs = new string[outputCount];
        for (var i = 0; i < outputCount; i++)
        {
            outputs[i] = outputCount == 1 ? nodeName + "_out" : nodeName + "_out" + i.ToString(CultureInfo.InvariantCulture);
        }
        node.Output.AddRange(outputs);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(Attribute(name, value));
        }
        Graph.Node.Add(node);
        return outputs;
    }

    /// <summary>A seeded random float weight; returns a float32 value (cast from float16 storage when needed).</summary>
    public string Weight(string name, long[] dims, float std, float mean = 0f, float[]? columnScale = null)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        return AddFloatInitializer(name, dims, new RandomTensorData(Seed, name, count, mean, std, columnScale, WeightFloat));
    }

    /// <summary>
    /// <paramref name="x"/> times a seeded random <c>[inFeatures, outFeatures]</c> weight: a MatMul, or in a
    /// <see cref="WeightPrecision.Q4"/> graph a MatMulNBits over the same values quantized to 4-bit blocks (on
    /// float16 activations and scales in a <see cref="WeightPrecision.Q4F16"/> graph).
    /// </summary>
    public string MatMulWeight(string x, string name, int inFeatures, int outFeatures, float std, float[]? columnScale = null)
    {
        if (SignedIntegerWeights is { } signed)
        {
            var weight = QuantizedWeight(name, [inFeatures, outFeatures], std, columnScale, signed);
            var (q, scale, zeroPoint) = DynamicQuantize(x);
            var product = Op("MatMulInteger", [q, weight.Name, zeroPoint, weight.ZeroPoint]);
            return Mul(Cast(product, DataType.Float), Mul(scale, weight.Scale));
        }
        if (Precision is not (WeightPrecision.Q4 or WeightPrecision.Q4F16))
        {
            return MatMul(x, Weight(name, [inFeatures, outFeatures], std, 0f, columnScale));
        }

        var values = new RandomTensorData(Seed, name, (long)inFeatures * outFeatures, 0f, std, columnScale, DataType.Float);
        var quantized = new BlockQuantizedWeight(values, inFeatures, outFeatures, WeightFloat);
        AddInitializer(name + "_Q4", [outFeatures, quantized.BlocksPerColumn, BlockQuantizedWeight.BlobBytes], quantized.Packed);
        AddInitializer(name + "_scales", [(long)outFeatures * quantized.BlocksPerColumn], quantized.Scales);
        UsesMicrosoftDomain = true;
        var halfActivations = WeightFloat == DataType.Float16;
        var output = Op("MatMulNBits", [halfActivations ? Cast(x, DataType.Float16) : x, name + "_Q4", name + "_scales"],
            ("K", (long)inFeatures), ("N", (long)outFeatures), ("bits", 4L), ("block_size", (long)BlockQuantizedWeight.BlockSize));
        Graph.Node[^1].Domain = MicrosoftDomain;
        return halfActivations ? Cast(output, DataType.Float) : output;
    }

    /// <summary>
    /// A Conv of <paramref name="x"/> with a seeded random weight and bias, or in an 8-bit graph the ConvInteger of its
    /// dynamically quantized input and the quantized weight, rescaled, plus the float bias.
    /// </summary>
    public string ConvWeight(string x, string name, long[] weightDims, float std, float biasStd, params (string Name, object Value)[] attributes)
    {
        if (SignedIntegerWeights is { } signed)
        {
            var weight = QuantizedWeight(name + ".weight", weightDims, std, null, signed);
            var biasValues = Weight(name + ".bias", [weightDims[0]], biasStd);
            var (q, scale, zeroPoint) = DynamicQuantize(x);
            var product = Op("ConvInteger", [q, weight.Name, zeroPoint, weight.ZeroPoint], attributes);
            return Add(Mul(Cast(product, DataType.Float), Mul(scale, weight.Scale)), Reshape(biasValues, -1, 1, 1));
        }
        var w = Weight(name + ".weight", weightDims, std);
        var bias = Weight(name + ".bias", [weightDims[0]], biasStd);
        return Op("Conv", [x, w, bias], attributes);
    }

    /// <summary>Rows <paramref name="ids"/> of a seeded random table, stored as the graph stores weights.</summary>
    public string GatherWeight(string name, long[] dims, float std, string ids)
    {
        if (SignedIntegerWeights is { } signed)
        {
            var table = QuantizedWeight(name, dims, std, null, signed);
            return Op("DequantizeLinear", [Op("Gather", [table.Name, ids], ("axis", 0L)), table.Scale, table.ZeroPoint]);
        }
        var count = dims.Aggregate(1L, (a, b) => a * b);
        AddInitializer(name, dims, new RandomTensorData(Seed, name, count, 0f, std, null, WeightFloat));
        var rows = Op("Gather", [name, ids], ("axis", 0L));
        return WeightFloat == IoFloat ? rows : Cast(rows, IoFloat);
    }

    /// <summary>A float32 constant (never stored in float16: rotary frequencies, epsilons, masks).</summary>
    public string ConstFloat(string name, long[] dims, params float[] values)
    {
        AddInitializer(name, dims, new FloatTensorData(values, DataType.Float));
        return name;
    }

    public string ScalarFloat(float value)
        => ConstFloat(UniqueName("const_f"), [], value);

    /// <summary>A 1-D int64 constant, shared between uses of the same values.</summary>
    public string ConstInt64(params long[] values)
    {
        var key = string.Join(",", values);
        if (_int64Constants.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var name = "const_i64_" + _int64Constants.Count.ToString(CultureInfo.InvariantCulture);
        AddInitializer(name, [values.Length], new Int64TensorData(values));
        _int64Constants[key] = name;
        return name;
    }

    public string ScalarInt64(long value)
    {
        var key = "scalar:" + value.ToString(CultureInfo.InvariantCulture);
        if (_int64Constants.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var name = "const_i64_s" + _int64Constants.Count.ToString(CultureInfo.InvariantCulture);
        AddInitializer(name, [], new Int64TensorData([value]));
        _int64Constants[key] = name;
        return name;
    }

    // Small helpers for the common ops.
    public string Add(string a, string b) => Op("Add", [a, b]);
    public string Sub(string a, string b) => Op("Sub", [a, b]);
    public string Mul(string a, string b) => Op("Mul", [a, b]);
    public string Div(string a, string b) => Op("Div", [a, b]);
    public string MatMul(string a, string b) => Op("MatMul", [a, b]);
    public string Reshape(string x, params long[] shape) => Op("Reshape", [x, ConstInt64(shape)]);
    public string Transpose(string x, params long[] perm) => Op("Transpose", [x], ("perm", perm));
    public string Unsqueeze(string x, params long[] axes) => Op("Unsqueeze", [x, ConstInt64(axes)]);
    public string Cast(string x, DataType to) => Op("Cast", [x], ("to", (long)to));
    public string Softmax(string x, long axis = -1) => Op("Softmax", [x], ("axis", axis));

    /// <summary>Exact GELU: 0.5·x·(1 + erf(x/√2)).</summary>
    public string Gelu(string x)
    {
        var erf = Op("Erf", [Mul(x, ScalarFloat(1f / MathF.Sqrt(2f)))]);
        return Mul(Mul(x, ScalarFloat(0.5f)), Add(erf, ScalarFloat(1f)));
    }

    /// <summary>Dimension <paramref name="index"/> of <paramref name="x"/> as a 1-D int64 tensor of one element.</summary>
    public string Dim(string x, long index) => Op("Shape", [x], ("start", index), ("end", index + 1));

    private (string Name, string Scale, string ZeroPoint) QuantizedWeight(string name, long[] dims, float std, float[]? columnScale, bool signed)
    {
        var count = dims.Aggregate(1L, (a, b) => a * b);
        var quantized = new LinearQuantizedWeight(new RandomTensorData(Seed, name, count, 0f, std, columnScale, DataType.Float), signed);
        AddInitializer(name + "_quantized", dims, quantized.Quantized);
        var scale = ConstFloat(name + "_scale", [], quantized.Scale);
        AddInitializer(name + "_zero_point", [], quantized.ZeroPointTensor);
        return (name + "_quantized", scale, name + "_zero_point");
    }

    private (string Quantized, string Scale, string ZeroPoint) DynamicQuantize(string x)
    {
        var outputs = OpMulti("DynamicQuantizeLinear", 3, [x]);
        return (outputs[0], outputs[1], outputs[2]);
    }

    private string AddFloatInitializer(string name, long[] dims, TensorData data)
    {
        AddInitializer(name, dims, data);
        return WeightFloat == DataType.Float16 ? Cast(name, DataType.Float) : name;
    }

    private void AddInitializer(string name, long[] dims, TensorData data)
    {
        var meta = new TensorProto { Name = name, DataType = (int)data.DataType };
        meta.Dims.AddRange(dims);
        Initializers.Add((meta, data));
    }

    private string UniqueName(string op)
    {
        var baseName = _scope.Length == 0 ? "/" + op : "/" + _scope + "/" + op;
        _nameCounts.TryGetValue(baseName, out var n);
        _nameCounts[baseName] = n + 1;
        return n == 0 ? baseName : baseName + "_" + n.ToString(CultureInfo.InvariantCulture);
    }

    private static ValueInfoProto ValueInfo(string name, DataType type, object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var dim in dims)
        {
            shape.Dim.Add(dim switch
            {
                string param => new TensorShapeProto.Types.Dimension { DimParam = param },
                int value => new TensorShapeProto.Types.Dimension { DimValue = value },
                long value => new TensorShapeProto.Types.Dimension { DimValue = value },
                _ => throw new ArgumentException($"Unsupported dimension {dim}."),
            });
        }
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } },
        };
    }

    private static AttributeProto Attribute(string name, object value)
    {
        var attribute = new AttributeProto { Name = name };
        switch (value)
        {
            case long i:
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.I = i;
                break;
            case int i:
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.I = i;
                break;
            case float f:
                attribute.Type = AttributeProto.Types.AttributeType.Float;
                attribute.F = f;
                break;
            case long[] ints:
                attribute.Type = AttributeProto.Types.AttributeType.Ints;
                attribute.Ints.AddRange(ints);
                break;
            case string s:
                attribute.Type = AttributeProto.Types.AttributeType.String;
                attribute.S = ByteString.CopyFromUtf8(s);
                break;
            default:
                throw new ArgumentException($"Unsupported attribute value for {name}: {value.GetType()}.");
        }
        return attribute;
    }

    private sealed class ScopeRestorer(OnnxGraphBuilder builder, string previous) : IDisposable
    {
        public void Dispose() => builder._scope = previous;
    }
}
