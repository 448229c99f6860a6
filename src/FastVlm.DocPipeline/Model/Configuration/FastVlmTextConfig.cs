namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>The language-model side of <c>config.json</c> (flat <c>llava_qwen2</c> layout, or nested <c>text_config</c>).</summary>
public sealed record FastVlmTextConfig
{
    public required string ModelType { get; init; }

    public required int HiddenSize { get; init; }

    public required int NumHiddenLayers { get; init; }

    public required int NumAttentionHeads { get; init; }

    public required int NumKeyValueHeads { get; init; }

    public required int HeadDim { get; init; }

    /// <summary>Declared vocabulary size (informative only: the engine reads the real size from the logits).</summary>
    public int? VocabSize { get; init; }

    public required int MaxPositionEmbeddings { get; init; }

    public required int ImageTokenId { get; init; }

    public required IReadOnlyList<int> EosTokenIds { get; init; }

    internal static FastVlmTextConfig Read(ModelJsonFile json)
    {
        var hidden = Positive(json, "hidden_size");
        var heads = Positive(json, "num_attention_heads");
        var kvHeads = json.OptionalInt("num_key_value_heads") ?? heads;
        if (kvHeads <= 0 || heads % kvHeads != 0)
        {
            throw json.Bad($"'num_key_value_heads' ({kvHeads}) must be positive and divide 'num_attention_heads' ({heads}).");
        }

        var headDim = json.OptionalInt("head_dim") ?? (hidden % heads == 0 ? hidden / heads : throw json.Bad($"'hidden_size' ({hidden}) is not a multiple of 'num_attention_heads' ({heads}) and no 'head_dim' is given."));
        var imageToken = json.OptionalInt("image_token_index") ?? json.OptionalInt("image_token_id")
            ?? throw json.Bad("'image_token_index' is required (the id of the <image> token).");

        return new FastVlmTextConfig
        {
            ModelType = json.OptionalString("model_type") ?? throw json.Bad("'model_type' is required."),
            HiddenSize = hidden,
            NumHiddenLayers = Positive(json, "num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = kvHeads,
            HeadDim = headDim,
            VocabSize = json.OptionalInt("vocab_size"),
            MaxPositionEmbeddings = json.OptionalInt("max_position_embeddings") ?? 32768,
            ImageTokenId = imageToken,
            EosTokenIds = json.OptionalIdList("eos_token_id") ?? Array.Empty<int>(),
        };
    }

    private static int Positive(ModelJsonFile json, string key)
    {
        var value = json.RequireInt(key);
        return value > 0 ? value : throw json.Bad($"'{key}' must be positive, got {value}.");
    }
}
