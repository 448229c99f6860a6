using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>One field's answer on one page, before merging.</summary>
public sealed record PageAnswer
{
    public required string Raw { get; init; }

    public JsonNode? Value { get; init; }

    public string? Currency { get; init; }

    public bool Found { get; init; }

    public double Confidence { get; init; }

    public int TokenCount { get; init; }

    /// <summary>Why the answer needs a look although it was found: <c>unparsed</c>, <c>no_enum_match</c>, <c>truncated</c>, <c>ambiguous</c>; null when none.</summary>
    public string? Issue { get; init; }

    /// <summary>Other likely answers for an answer below the review threshold, not yet grounded; null when none were proposed.</summary>
    public IReadOnlyList<FieldAlternative>? Alternatives { get; init; }
}
