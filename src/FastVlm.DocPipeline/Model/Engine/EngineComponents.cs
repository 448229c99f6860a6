using FastVlm.DocPipeline.Model.Configuration;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>Builds the tokenizer/prompt and image-preprocessing pieces the engine uses from a model directory.</summary>
internal static class EngineComponents
{
    public static IPromptTokenizer CreateTokenizer(FastVlmModelConfig config) =>
        InterimBpeTokenizer.Create(config);

    public static IImageTensorWriter CreateImageWriter(FastVlmModelConfig config, ImagePreprocessingMode mode) =>
        ImageTensorWriter.FromConfig(config, mode);
}
