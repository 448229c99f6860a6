namespace FastVlm.DocPipeline.Model.Prompting;

/// <summary>How <see cref="ChatPromptBuilder"/> lays out the Qwen2 chat prompt.</summary>
public sealed class ChatPromptOptions
{
    /// <summary>The Qwen2 chat template's default system prompt.</summary>
    public const string DefaultSystemPrompt = "You are a helpful assistant.";

    /// <summary>System message content. Default: the Qwen2 template's own default.</summary>
    public string SystemPrompt { get; set; } = DefaultSystemPrompt;

    /// <summary>
    /// The added token that stands for the image (its id must match <c>image_token_index</c> in config.json;
    /// processor_config.json's <c>image_token</c> names it). Default <c>&lt;image&gt;</c>.
    /// </summary>
    public string ImageToken { get; set; } = "<image>";
}
