using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary><c>embed_tokens</c>: <c>input_ids [b, s]</c> int64 → <c>inputs_embeds [b, s, hidden]</c>.</summary>
internal sealed class EmbedTokensGraph : OnnxGraph
{
    public const string InputName = "input_ids";
    public const string OutputName = "inputs_embeds";
    private static readonly string[] InputNames = [InputName];
    private static readonly string[] OutputNames = [OutputName];

    private EmbedTokensGraph(InferenceSession session, string path, GraphVariant variant, int hidden)
        : base(session, path, GraphKind.EmbedTokens, variant)
    {
        Contract.Require(session.InputMetadata, InputName, "input", 2, TensorElementType.Int64);
        var output = Contract.Require(session.OutputMetadata, OutputName, "output", 3, TensorContract.FloatTypes);
        Contract.RequireDim(output, OutputName, 2, hidden, "hidden size");
        if (session.InputMetadata.Count != 1)
        {
            throw Contract.Mismatch($"expected only '{InputName}' as input, found {string.Join(", ", session.InputMetadata.Keys)}");
        }

        EmbedsType = output.ElementDataType;
        Hidden = hidden;
    }

    public int Hidden { get; }

    public TensorElementType EmbedsType { get; }

    public static EmbedTokensGraph Load(OnnxSessionFactory factory, string path, GraphVariant variant, int hidden) =>
        CreateValidated(factory.Create(path, GraphKind.EmbedTokens), s => new EmbedTokensGraph(s, path, variant, hidden));

    /// <summary>Embeds <paramref name="ids"/> as one batch row into a value the caller owns.</summary>
    public OrtValue Run(RunOptions runOptions, ReadOnlySpan<long> ids)
    {
        using var input = OrtTensors.Int64([1, ids.Length], ids);
        var output = OrtTensors.Allocate(EmbedsType, 1, ids.Length, Hidden);
        try
        {
            Run(runOptions, [input], [output]);
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>Embeds the ids in <paramref name="input"/>'s single element array into <paramref name="output"/>'s, both shaped by the caller.</summary>
    public void Run(RunOptions runOptions, OrtValue[] input, OrtValue[] output) =>
        Session.Run(runOptions, InputNames, input, OutputNames, output);
}
