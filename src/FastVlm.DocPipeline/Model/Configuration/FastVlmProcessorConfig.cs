namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary><c>processor_config.json</c> (LlavaProcessor): the image placeholder and the encoder's patch size.</summary>
public sealed record FastVlmProcessorConfig
{
    public required string ImageToken { get; init; }

    /// <summary>Pixels per image token along one side (64 for FastViTHD: 1024 px → 16×16 = 256 tokens).</summary>
    public required int PatchSize { get; init; }

    public int NumAdditionalImageTokens { get; init; }

    internal static FastVlmProcessorConfig Read(ModelJsonFile json)
    {
        var patch = json.RequireInt("patch_size");
        return new FastVlmProcessorConfig
        {
            ImageToken = json.OptionalString("image_token") ?? "<image>",
            PatchSize = patch > 0 ? patch : throw json.Bad($"'patch_size' must be positive, got {patch}."),
            NumAdditionalImageTokens = json.OptionalInt("num_additional_image_tokens") ?? 0,
        };
    }
}
