namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary><c>generation_config.json</c>: when present, its EOS ids win over <c>config.json</c>'s.</summary>
public sealed record FastVlmGenerationConfig
{
    public IReadOnlyList<int>? EosTokenIds { get; init; }

    public int? PadTokenId { get; init; }

    public int? MaxNewTokens { get; init; }

    /// <summary>Declared repetition penalty; the engine decodes greedily without penalties and reports a value other than 1 at load.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;

    internal static FastVlmGenerationConfig Read(ModelJsonFile json) => new()
    {
        EosTokenIds = json.OptionalIdList("eos_token_id"),
        PadTokenId = json.OptionalInt("pad_token_id"),
        MaxNewTokens = json.OptionalInt("max_new_tokens"),
        RepetitionPenalty = json.OptionalDouble("repetition_penalty") ?? 1.0,
    };
}
