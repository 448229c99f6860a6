using FastVlm.DocPipeline.Model.Configuration;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>Builds the tokenizer/prompt and image-preprocessing pieces the engine uses from a model directory.</summary>
internal static class EngineComponents
{
    public static IPromptTokenizer CreateTokenizer(FastVlmModelConfig config) =>
        throw new NotImplementedException("tokenizer branch not merged yet");

    public static IImageTensorWriter CreateImageWriter(FastVlmModelConfig config, ImagePreprocessingMode mode) =>
        throw new NotImplementedException("preprocessing not merged yet");
}
