using System.Diagnostics;
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
            var start = Stopwatch.GetTimestamp();
            try
            {
                Session.Run(runOptions, InputNames, [input], OutputNames, [output]);
            }
            finally
            {
                OrtRunClock.Stop(start);
            }

            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Binds <paramref name="ids"/> (<c>[1, s]</c> int64) and <paramref name="output"/> (<c>[1, s, hidden]</c>) once, so that
    /// <see cref="Run(RunOptions, OrtIoBinding)"/> can embed new ids written into <paramref name="ids"/> without managed allocations.
    /// The caller owns and disposes the binding and both values.
    /// </summary>
    public OrtIoBinding Bind(OrtValue ids, OrtValue output)
    {
        var binding = Session.CreateIoBinding();
        try
        {
            binding.BindInput(InputName, ids);
            binding.BindOutput(OutputName, output);
            return binding;
        }
        catch
        {
            binding.Dispose();
            throw;
        }
    }

    /// <summary>Runs with the values bound by <see cref="Bind"/>; the output value receives the embeddings.</summary>
    public void Run(RunOptions runOptions, OrtIoBinding binding)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            Session.RunWithBinding(runOptions, binding);
        }
        finally
        {
            OrtRunClock.Stop(start);
        }
    }
}
