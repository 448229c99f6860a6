using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// A reviewer's value for a field of the same name and type in another document of the same source: an earlier schema
/// version's document. It is offered, not applied: a reviewer takes it with one save.
/// </summary>
public sealed record FieldReviewOffer
{
    public JsonNode? Value { get; init; }

    public string? Currency { get; init; }

    public required string Reviewer { get; init; }

    public required DateTime At { get; init; }

    /// <summary>The document the value was reviewed in.</summary>
    public required string DocumentId { get; init; }

    /// <summary>That document's schema version.</summary>
    public required string SchemaVersion { get; init; }
}
