namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>Stable error codes of the tokenizer.</summary>
public static class TokenizerErrorCodes
{
    /// <summary>The tokenizer file does not exist.</summary>
    public const string Missing = "tokenizer.missing";

    /// <summary>The tokenizer file is not valid JSON or lacks required parts (vocabulary, merges, added tokens).</summary>
    public const string Invalid = "tokenizer.invalid";

    /// <summary>The tokenizer file is valid but describes a pipeline this tokenizer does not implement.</summary>
    public const string Unsupported = "tokenizer.unsupported";

    /// <summary>A token the prompt needs (for example <c>&lt;image&gt;</c> or <c>&lt;|im_start|&gt;</c>) is not in the vocabulary.</summary>
    public const string MissingToken = "tokenizer.missing_token";
}
