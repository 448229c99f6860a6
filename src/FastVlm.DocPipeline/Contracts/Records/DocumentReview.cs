namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The review state of a document, as composed from its <see cref="ReviewRecord"/> (<see cref="RecordId"/>).
/// <see cref="Revision"/> is the review record's; with the run whose answers the document shows, it forms the etag a
/// reviewer's save must match, so a second reviewer working from an older copy is told instead of overwriting.
/// </summary>
public sealed record DocumentReview
{
    public int Revision { get; init; }

    /// <summary>Who approved the document, while the approval stands; null otherwise.</summary>
    public string? ApprovedBy { get; init; }

    public DateTime? ApprovedAt { get; init; }

    /// <summary>Fields whose reviewer decision stands.</summary>
    public int FieldsReviewed { get; init; }

    /// <summary>Fields a reviewer decided on whose model answer has changed since: they need a new look.</summary>
    public int FieldsStale { get; init; }

    /// <summary>The id of the review record with every decision.</summary>
    public string? RecordId { get; init; }
}
