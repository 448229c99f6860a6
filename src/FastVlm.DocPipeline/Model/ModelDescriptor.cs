namespace FastVlm.DocPipeline.Model;

/// <summary>Identifies the model that produced a result: name plus the dtype variant of each graph.</summary>
public sealed record ModelDescriptor(
    string Name,
    string VisionEncoderVariant,
    string EmbedTokensVariant,
    string DecoderVariant,
    string ExecutionProvider,
    int ImageSize);
