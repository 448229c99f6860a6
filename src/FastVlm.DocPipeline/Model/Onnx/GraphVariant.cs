namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>The dtype variant of one exported graph, told apart by the file-name suffix.</summary>
public enum GraphVariant
{
    /// <summary>No suffix: float32 weights and activations.</summary>
    Fp32,
    Fp16,
    Q4,
    Q4F16,
    Int8,
    Uint8,
    Quantized,
    Bnb4,
}

/// <summary>File names and parsing of <see cref="GraphVariant"/>.</summary>
public static class GraphVariants
{
    public static IReadOnlyList<GraphVariant> All { get; } = Enum.GetValues<GraphVariant>();

    /// <summary>The file-name suffix: "" for fp32, "_fp16", "_q4", …</summary>
    public static string Suffix(this GraphVariant variant) => variant switch
    {
        GraphVariant.Fp32 => "",
        GraphVariant.Fp16 => "_fp16",
        GraphVariant.Q4 => "_q4",
        GraphVariant.Q4F16 => "_q4f16",
        GraphVariant.Int8 => "_int8",
        GraphVariant.Uint8 => "_uint8",
        GraphVariant.Quantized => "_quantized",
        GraphVariant.Bnb4 => "_bnb4",
        _ => throw new ArgumentOutOfRangeException(nameof(variant)),
    };

    /// <summary>Lower-case name as used on the command line and in results: fp32, fp16, q4, q4f16, int8, uint8, quantized, bnb4.</summary>
    public static string Name(this GraphVariant variant) => variant.ToString().ToLowerInvariant();

    /// <summary>
    /// True for the dynamically quantized 8-bit variants (int8, uint8, quantized): each MatMul quantizes its activations
    /// with one scale over the whole tensor of a Run, so a position's result depends on the other positions run with it
    /// (a prompt prefilled in two parts, or batched rows, give slightly different logits than one prefill of it alone).
    /// </summary>
    public static bool QuantizesActivationsPerRun(this GraphVariant variant) =>
        variant is GraphVariant.Int8 or GraphVariant.Uint8 or GraphVariant.Quantized;

    /// <summary>
    /// The transformers.js <c>dtype</c> that loads this variant's files: the name, except <c>q8</c> for the
    /// <c>_quantized</c> files (transformers.js falls back to fp32 on a dtype it does not know, such as "quantized").
    /// </summary>
    public static string TransformersJsDtype(this GraphVariant variant) => variant == GraphVariant.Quantized ? "q8" : variant.Name();

    public static string FileName(this GraphVariant variant, GraphKind graph) => graph.BaseName() + variant.Suffix() + ".onnx";

    public static bool TryParse(string? text, out GraphVariant variant)
    {
        variant = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = text.Trim().TrimStart('_').ToLowerInvariant();
        if (normalized is "fp32" or "float32" or "none")
        {
            variant = GraphVariant.Fp32;
            return true;
        }

        if (normalized == "q8")
        {
            variant = GraphVariant.Quantized;
            return true;
        }

        foreach (var candidate in All)
        {
            if (candidate.Name() == normalized)
            {
                variant = candidate;
                return true;
            }
        }

        return false;
    }

    public static GraphVariant Parse(string text) =>
        TryParse(text, out var v) ? v : throw new ArgumentException($"Unknown graph variant '{text}'. Expected one of: {string.Join(", ", All.Select(Name))}.", nameof(text));
}
