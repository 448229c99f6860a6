using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>Checks one graph's declared inputs/outputs against what the engine feeds and reads.</summary>
internal sealed class TensorContract
{
    private readonly string _path;
    private readonly GraphKind _graph;

    public TensorContract(string path, GraphKind graph)
    {
        _path = path;
        _graph = graph;
    }

    public static readonly TensorElementType[] FloatTypes = [TensorElementType.Float, TensorElementType.Float16];

    public NodeMetadata Require(IReadOnlyDictionary<string, NodeMetadata> nodes, string name, string direction, int rank, params TensorElementType[] types)
    {
        if (!nodes.TryGetValue(name, out var node))
        {
            throw Mismatch($"{direction} '{name}' is missing; the graph declares: {string.Join(", ", nodes.Keys.Take(8))}{(nodes.Count > 8 ? ", …" : "")}");
        }

        if (!node.IsTensor || !types.Contains(node.ElementDataType))
        {
            throw Mismatch($"{direction} '{name}' has element type {node.ElementDataType}; expected {string.Join(" or ", types)}");
        }

        if (node.Dimensions.Length != rank)
        {
            throw Mismatch($"{direction} '{name}' has rank {node.Dimensions.Length} ({Shape(node)}); expected rank {rank}");
        }

        return node;
    }

    /// <summary>Fails when a fixed dimension differs from <paramref name="expected"/>; symbolic dimensions (-1) pass.</summary>
    public void RequireDim(NodeMetadata node, string name, int axis, int expected, string meaning)
    {
        var actual = node.Dimensions[axis];
        if (actual >= 0 && actual != expected)
        {
            throw Mismatch($"'{name}' axis {axis} ({meaning}) is {actual} in the graph but {expected} from the configuration");
        }
    }

    public ModelLoadException Mismatch(string problem) =>
        new(ModelErrorCodes.ContractMismatch, $"The {_graph.BaseName()} graph does not match the engine's contract: {problem}.", _path);

    public static string Shape(NodeMetadata node) =>
        "[" + string.Join(", ", node.Dimensions.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : (node.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))) + "]";
}
