namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>
/// Picks the dtype variant of each graph. An explicit choice must exist on disk; otherwise the first
/// present variant in the provider's preference order wins. On CPU, fp32 comes first: of the variants that agree
/// with transformers.js under the engine's defaults (fp32, q4, q4f16), it was the fastest measured on the full
/// FastVLM-0.5B dimensions (q4 was faster only on the tiny ones; scripts/bench-variants.sh, docs/quantized-variants.md),
/// q4 next (less memory). The fp16/q4f16 decoders are never chosen by default on CPU (reported slow or broken on
/// ONNX Runtime's CPU provider, and q4f16 measured no steady gain). The 8-bit variants come last: they match the
/// reference only without the prefix cache.
/// </summary>
public static class VariantSelector
{
    private static readonly GraphVariant[] CpuDecoder = [GraphVariant.Fp32, GraphVariant.Q4, GraphVariant.Int8, GraphVariant.Quantized, GraphVariant.Uint8, GraphVariant.Bnb4];
    private static readonly GraphVariant[] CpuOther = [GraphVariant.Fp32, GraphVariant.Q4, GraphVariant.Fp16, GraphVariant.Int8, GraphVariant.Quantized, GraphVariant.Uint8, GraphVariant.Bnb4, GraphVariant.Q4F16];
    private static readonly GraphVariant[] Cuda = [GraphVariant.Fp16, GraphVariant.Fp32, GraphVariant.Q4F16, GraphVariant.Q4, GraphVariant.Int8, GraphVariant.Quantized, GraphVariant.Uint8, GraphVariant.Bnb4];

    /// <summary>Variants of <paramref name="graph"/> present in <c>{modelDirectory}/onnx</c>.</summary>
    public static IReadOnlyList<GraphVariant> Present(string modelDirectory, GraphKind graph) =>
        GraphVariants.All.Where(v => File.Exists(PathOf(modelDirectory, graph, v))).ToArray();

    public static string PathOf(string modelDirectory, GraphKind graph, GraphVariant variant) =>
        Path.Combine(modelDirectory, "onnx", variant.FileName(graph));

    internal static IReadOnlyList<GraphVariant> PreferenceOrder(ExecutionProvider provider, GraphKind graph) =>
        provider == ExecutionProvider.Cuda ? Cuda : graph == GraphKind.Decoder ? CpuDecoder : CpuOther;

    public static GraphVariant Select(string modelDirectory, GraphKind graph, GraphVariant? requested, ExecutionProvider provider)
    {
        if (requested is { } explicitVariant)
        {
            var path = PathOf(modelDirectory, graph, explicitVariant);
            return File.Exists(path)
                ? explicitVariant
                : throw new ModelLoadException(ModelErrorCodes.MissingFile, $"The {explicitVariant.Name()} variant of {graph.BaseName()} was requested but its file is missing. Present: {Describe(Present(modelDirectory, graph))}.", path);
        }

        var present = Present(modelDirectory, graph);
        foreach (var candidate in PreferenceOrder(provider, graph))
        {
            if (present.Contains(candidate))
            {
                return candidate;
            }
        }

        var expected = PathOf(modelDirectory, graph, GraphVariant.Fp32);
        throw present.Count == 0
            ? new ModelLoadException(ModelErrorCodes.MissingFile, $"No {graph.BaseName()}*.onnx graph in the model directory's onnx/ folder.", expected)
            : new ModelLoadException(ModelErrorCodes.MissingFile, $"Only {Describe(present)} of {graph.BaseName()} is present, which is not used by default on {provider}; request it explicitly to use it anyway.", expected);
    }

    private static string Describe(IReadOnlyList<GraphVariant> variants) =>
        variants.Count == 0 ? "none" : string.Join(", ", variants.Select(v => v.Name()));
}
