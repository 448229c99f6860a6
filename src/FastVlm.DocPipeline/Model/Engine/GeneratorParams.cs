namespace FastVlm.DocPipeline.Model.Engine;

/// <summary>One question, checked against the engine's limits and the model's context: what a <see cref="Generator"/> runs.</summary>
internal sealed record GeneratorParams(EncodedImage Image, int[] Suffix, int MaxNewTokens, int MinNewTokens, int PromptLength)
{
    public static GeneratorParams Create(FastVlmModel model, IEncodedImage image, string userText, GenerationOptions? options)
    {
        if (image is not EncodedImage encoded || !ReferenceEquals(encoded.Owner, model))
        {
            throw new ArgumentException("The image was not encoded by this engine.", nameof(image));
        }

        var limits = model.Options;
        var maxNew = options?.MaxNewTokens ?? limits.MaxNewTokens;
        var minNew = options?.MinNewTokens ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNew, nameof(GenerationOptions.MaxNewTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(minNew, nameof(GenerationOptions.MinNewTokens));

        if (userText.Length > limits.MaxUserTextChars)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"The question is {userText.Length} characters long; the limit is {limits.MaxUserTextChars} (FastVlmEngineOptions.MaxUserTextChars).");
        }

        var suffix = model.Tokenizer.EncodeSuffix(userText);
        if (suffix.Length > limits.MaxUserTextTokens)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"The question is {suffix.Length} tokens long; the limit is {limits.MaxUserTextTokens} (FastVlmEngineOptions.MaxUserTextTokens).");
        }

        var promptLength = model.Prefix.Length(encoded.ImageTokenCount) + suffix.Length;
        var contextLength = model.Config.Text.MaxPositionEmbeddings;
        if (promptLength + maxNew > contextLength)
        {
            throw new ModelInputException(ModelErrorCodes.PromptTooLong, $"Prompt ({promptLength} tokens) plus {maxNew} new tokens exceeds the model's context of {contextLength} positions.");
        }

        return new GeneratorParams(encoded, suffix, maxNew, minNew, promptLength);
    }
}
