using Microsoft.ML.OnnxRuntime;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>One loaded graph: its session, file and variant. Concurrent <c>Run</c> calls on a session are safe in ONNX Runtime.</summary>
internal abstract class OnnxGraph : IDisposable
{
    protected OnnxGraph(InferenceSession session, string path, GraphKind kind, GraphVariant variant)
    {
        Session = session;
        Path = path;
        Kind = kind;
        Variant = variant;
        Contract = new TensorContract(path, kind);
    }

    public InferenceSession Session { get; }

    public string Path { get; }

    public GraphKind Kind { get; }

    public GraphVariant Variant { get; }

    protected TensorContract Contract { get; }

    public void Dispose() => Session.Dispose();

    public GraphInfo Describe() => new(
        Kind,
        Variant,
        Path,
        Session.InputMetadata.Select(kv => new TensorInfo(kv.Key, kv.Value.ElementDataType.ToString(), TensorContract.Shape(kv.Value))).ToArray(),
        Session.OutputMetadata.Select(kv => new TensorInfo(kv.Key, kv.Value.ElementDataType.ToString(), TensorContract.Shape(kv.Value))).ToArray());

    /// <summary>Creates the session and validates it; the session is disposed when validation fails.</summary>
    protected static T CreateValidated<T>(InferenceSession session, Func<InferenceSession, T> build) where T : OnnxGraph
    {
        try
        {
            return build(session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
