namespace FastVlm.DocPipeline.Model.Onnx;

/// <summary>The three graphs of the FastVLM export.</summary>
public enum GraphKind
{
    VisionEncoder,
    EmbedTokens,
    Decoder,
}

public static class GraphKinds
{
    public static string BaseName(this GraphKind kind) => kind switch
    {
        GraphKind.VisionEncoder => "vision_encoder",
        GraphKind.EmbedTokens => "embed_tokens",
        GraphKind.Decoder => "decoder_model_merged",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
