using FastVlm.DocPipeline.Model.Configuration;
using FastVlm.DocPipeline.Model.Prompting;
using FastVlm.DocPipeline.Model.Tokenization;

namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>Builds the tokenizer/prompt and image-preprocessing pieces the engine uses from a model directory.</summary>
internal static class EngineComponents
{
    public static IPromptTokenizer CreateTokenizer(FastVlmModelConfig config)
    {
        var tokenizer = QwenTokenizer.FromModelDirectory(config.Directory);
        var prompts = new ChatPromptBuilder(tokenizer, new ChatPromptOptions { ImageToken = config.Processor.ImageToken });
        if (prompts.ImageTokenId != config.Text.ImageTokenId)
        {
            throw new ModelLoadException(
                ModelErrorCodes.BadConfig,
                $"config.json's image_token_index is {config.Text.ImageTokenId} but the tokenizer gives '{config.Processor.ImageToken}' the id {prompts.ImageTokenId}.",
                Path.Combine(config.Directory, FastVlmModelConfig.ConfigFile));
        }

        return new QwenPromptTokenizer(tokenizer, prompts);
    }

    public static IImageTensorWriter CreateImageWriter(FastVlmModelConfig config, ImagePreprocessingMode mode) =>
        ImageTensorWriter.FromConfig(config, mode);
}
