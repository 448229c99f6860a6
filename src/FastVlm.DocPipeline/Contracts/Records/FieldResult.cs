using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One merged field of a document. <see cref="Value"/> is the normalised JSON value (string, number,
/// ISO date string, boolean, array for lists) or null when not found; <see cref="Raw"/> is the model's text.
/// </summary>
public sealed record FieldResult
{
    public JsonNode? Value { get; init; }

    public string? Raw { get; init; }

    /// <summary>ISO 4217 code for <c>currency</c> fields, when known.</summary>
    public string? Currency { get; init; }

    public bool Found { get; init; }

    public double Confidence { get; init; }

    /// <summary>1-based page the value came from; null when not found.</summary>
    public int? Page { get; init; }

    public bool NeedsReview { get; init; }

    /// <summary>Why the answer needs a look although it was found: <c>unparsed</c>, <c>no_enum_match</c>, <c>truncated</c>, <c>ambiguous</c>; null when none.</summary>
    public string? Issue { get; init; }

    /// <summary>The rows of a <c>table</c> field across all pages, in page order; null for other types.</summary>
    public IReadOnlyList<TableRowResult>? Rows { get; init; }
}
