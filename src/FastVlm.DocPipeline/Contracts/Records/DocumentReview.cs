namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The review state of a document. <see cref="Revision"/> counts reviewer writes; with the run id it forms the etag a
/// reviewer's save must match, so that a second reviewer working from an older copy is told instead of overwriting.
/// </summary>
public sealed record DocumentReview
{
    public int Revision { get; init; }

    /// <summary>Who approved the document; null until approved.</summary>
    public string? ApprovedBy { get; init; }

    public DateTime? ApprovedAt { get; init; }
}
