using System.Text.Json.Serialization;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// What to extract from a kind of document: named fields, each a DocVQA-style question with a type.
/// Loaded and validated by <see cref="SchemaLoader"/>; serialisable, so it travels in activity inputs.
/// </summary>
public sealed record ExtractionSchema
{
    /// <summary>Default for <see cref="ReviewThreshold"/>.</summary>
    public const double DefaultReviewThreshold = 0.5;

    /// <summary>Lower-case identifier (<c>invoice</c>); part of the document id.</summary>
    public required string Name { get; init; }

    /// <summary>Schema version; part of the document id, so a new version re-extracts.</summary>
    public required string Version { get; init; }

    public string? Description { get; init; }

    /// <summary>Fields whose confidence is below this (0..1) are marked as needing a person.</summary>
    public double ReviewThreshold { get; init; } = DefaultReviewThreshold;

    /// <summary>Culture name (<c>en-US</c>, <c>de-DE</c>) deciding number separators and numeric date order.</summary>
    public string? Locale { get; init; }

    /// <summary>Explicit order for all-numeric dates; overrides what <see cref="Locale"/> implies.</summary>
    public DateOrder? DateOrder { get; init; }

    /// <summary>ISO 4217 code assumed for amounts that show no currency.</summary>
    public string? Currency { get; init; }

    public required IReadOnlyList<SchemaField> Fields { get; init; }

    /// <summary>Checks run on the merged values (<c>total == subtotal + tax within 0.01</c>); validated at load.</summary>
    public IReadOnlyList<SchemaRule> Rules { get; init; } = [];

    /// <summary>
    /// Labels that <c>--schema auto</c> scores for this schema ("invoice", "bill"); null: the schema's name. Not part of
    /// the schema's content hash (it changes which documents get the schema, not what is asked of them).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ClassifyAs { get; init; }

    /// <summary>The labels classification scores for this schema: <see cref="ClassifyAs"/>, else the name.</summary>
    public IReadOnlyList<string> ClassificationLabels() => ClassifyAs is { Count: > 0 } labels ? labels : [Name];

    /// <summary>Identity stored with results: name and version.</summary>
    public SchemaRef ToRef() => new(Name, Version);

    /// <summary>The confidence below which <paramref name="field"/>'s answers need review: its own threshold, else the schema's.</summary>
    public double ReviewThresholdOf(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.ReviewThreshold ?? ReviewThreshold;
    }
}
