namespace FastVlm.DocPipeline.Model.Tokenization;

/// <summary>
/// An entry of <c>added_tokens</c> in <c>tokenizer.json</c>: matched in the input before any other
/// processing and never split by BPE. Flags follow Hugging Face <c>tokenizers</c>.
/// </summary>
public sealed record AddedToken(
    int Id,
    string Content,
    bool Special,
    bool Normalized,
    bool LStrip,
    bool RStrip,
    bool SingleWord);
