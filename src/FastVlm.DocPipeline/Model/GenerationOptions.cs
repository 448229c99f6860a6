namespace FastVlm.DocPipeline.Model;

/// <summary>Options for one generation (greedy decoding).</summary>
public sealed class GenerationOptions
{
    /// <summary>Upper bound on generated tokens (EOS excluded from the answer text). Default 64.</summary>
    public int MaxNewTokens { get; set; } = 64;

    public static GenerationOptions Default { get; } = new();
}
