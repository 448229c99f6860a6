namespace FastVlm.DocPipeline.Model;

/// <summary>The answer to one question: text, generated ids with their log-probabilities, and timings.</summary>
public sealed record GenerationResult
{
    /// <summary>Decoded answer (special tokens removed, not trimmed).</summary>
    public required string Text { get; init; }

    /// <summary>Generated token ids, including the stop token when one was produced.</summary>
    public required IReadOnlyList<int> TokenIds { get; init; }

    /// <summary>Natural-log probability of each generated token under the model (same length as <see cref="TokenIds"/>).</summary>
    public required IReadOnlyList<float> TokenLogprobs { get; init; }

    /// <summary>Where each generated token's text is in <see cref="Text"/> (same length as <see cref="TokenIds"/>); null when the model gives none.</summary>
    public IReadOnlyList<TokenTextSpan>? TokenSpans { get; init; }

    public required int PromptTokenCount { get; init; }

    public required int ImageTokenCount { get; init; }

    public required FinishReason FinishReason { get; init; }

    public required GenerationTimings Timings { get; init; }
}

public enum FinishReason
{
    Stop,
    Length,
}

/// <summary>Stage timings of one generation.</summary>
public sealed record GenerationTimings(
    TimeSpan Encode,
    TimeSpan Prefill,
    TimeSpan TimeToFirstToken,
    TimeSpan Decode,
    int DecodedTokens)
{
    public double DecodeTokensPerSecond => Decode > TimeSpan.Zero ? DecodedTokens / Decode.TotalSeconds : 0;
}
