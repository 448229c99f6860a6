using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One field of a document. <see cref="Value"/> is the value in force: the reviewer's when a review decision stands,
/// otherwise the model's (string, number, ISO date string, boolean, array for lists and tables, or null when not
/// found). <see cref="Model"/> keeps the model's own answer; <see cref="Raw"/>, <see cref="Confidence"/>,
/// <see cref="Grounding"/> and <see cref="Location"/> describe that answer.
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

    /// <summary>True while a reviewer's decision on this field stands and the model has not changed its answer since.</summary>
    public bool Reviewed { get; init; }

    /// <summary>The reviewer's decision in force for this field; null when nobody has decided on it.</summary>
    public FieldReviewState? Review { get; init; }

    /// <summary>A reviewer's value from the same source's document under an earlier schema version; null when there is none.</summary>
    public FieldReviewOffer? ReviewOffer { get; init; }

    /// <summary>
    /// A reviewer's value as records written before reviews had their own record kept it (<c>correction</c>); read so
    /// that it can be moved into the review record, never written again.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyName("correction")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public System.Text.Json.Nodes.JsonObject? LegacyCorrection { get; init; }

    /// <summary>The model's own answer, whatever a reviewer decided; null only on records written before reviews were kept apart.</summary>
    public FieldModelAnswer? Model { get; init; }
}
