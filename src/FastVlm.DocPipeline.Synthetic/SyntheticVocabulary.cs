namespace FastVlm.DocPipeline.Synthetic;

/// <summary>Token ids of a synthetic model's tokenizer and the size of its embedding / LM-head tables.</summary>
public sealed record SyntheticVocabulary
{
    /// <summary>Number of ids the tokenizer can produce (base vocabulary + added tokens).</summary>
    public required int TokenCount { get; init; }

    /// <summary>Rows of the embedding table and LM head: <see cref="TokenCount"/> rounded up, as in the real export.</summary>
    public required int Rows { get; init; }

    public required int EndOfTextId { get; init; }

    public required int ImStartId { get; init; }

    public required int ImEndId { get; init; }

    public required int ImageTokenId { get; init; }

    internal IReadOnlyList<int> SpecialTokenIds => [EndOfTextId, ImStartId, ImEndId, ImageTokenId];

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
