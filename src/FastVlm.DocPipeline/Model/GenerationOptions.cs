namespace FastVlm.DocPipeline.Model;

/// <summary>Options for one generation (greedy decoding).</summary>
public sealed class GenerationOptions
{
    /// <summary>Upper bound on generated tokens (EOS excluded from the answer text). Default 64.</summary>
    public int MaxNewTokens { get; set; } = 64;

    /// <summary>
    /// Stop tokens are not chosen before this many tokens were generated (the next-best token is taken instead),
    /// as transformers.js's <c>min_new_tokens</c>. Default 0.
    /// </summary>
    public int MinNewTokens { get; set; }

    /// <summary>
    /// Most questions <see cref="IDocumentVisionModel.AskManyAsync"/> decodes together (bounds the batch's key/value
    /// cache memory); further questions go into further batches. Default null: all questions of the call in one batch.
    /// </summary>
    public int? MaxBatchSize { get; set; }

    public static GenerationOptions Default { get; } = new();
}
