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

    /// <summary>Why the answer needs a look although it was found: <c>unparsed</c>, <c>no_enum_match</c>, <c>truncated</c>, <c>ambiguous</c>, <c>not_on_page</c>; null when none.</summary>
    public string? Issue { get; init; }

    /// <summary>The rows of a <c>table</c> field across all pages, in page order; null for other types.</summary>
    public IReadOnlyList<TableRowResult>? Rows { get; init; }

    /// <summary><see cref="GroundingStatus"/> of a found value; null when not found or not grounded.</summary>
    public string? Grounding { get; init; }

    /// <summary>Where the value is on the page (a list: its first found item); null when not grounded.</summary>
    public FieldLocation? Location { get; init; }

    /// <summary>For a list: one location per item, in item order, null for an item not found; null otherwise.</summary>
    public IReadOnlyList<FieldLocation?>? ItemLocations { get; init; }

    /// <summary>Up to a few other likely answers for a field below the review threshold; null when none were proposed.</summary>
    public IReadOnlyList<FieldAlternative>? Alternatives { get; init; }

    /// <summary>True once a reviewer accepted, edited or picked an alternative for this field.</summary>
    public bool Reviewed { get; init; }

    /// <summary>What a reviewer saved for this field; null until reviewed. The model's answer above is never overwritten.</summary>
    public FieldCorrection? Correction { get; init; }
}
