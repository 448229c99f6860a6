using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// One line of the review queue. <see cref="Interrupted"/>: the run in progress has lost its lease (the process died);
/// the document shows the earlier run's values.
/// </summary>
public sealed record ReviewQueueItem(
    string DocumentId,
    string Source,
    string Schema,
    DocumentStatus Status,
    bool NeedsReview,
    int FieldsToReview,
    int FieldsReviewed,
    int PageCount,
    DateTime UpdatedAt,
    string ETag)
{
    public bool Interrupted { get; init; }

    public int FieldsStale { get; init; }

    /// <summary>The queue line of a stored document, from its own record and queue summary.</summary>
    public static ReviewQueueItem Of(DocumentRecord document, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(document);
        var summary = document.Queue ?? DocumentQueueSummary.Of(document);
        return new ReviewQueueItem(
            document.DocumentId,
            document.Source.Name,
            document.Schema.Name,
            document.Status,
            summary.FieldsToReview > 0,
            summary.FieldsToReview,
            summary.FieldsReviewed,
            document.PageCount,
            document.UpdatedAt,
            DocumentETag.Of(document))
        {
            Interrupted = IsInterrupted(document, now),
            FieldsStale = document.Review?.FieldsStale ?? 0,
        };
    }

    /// <summary>A run started on the document and lost its lease without finishing: it died.</summary>
    public static bool IsInterrupted(DocumentRecord document, DateTime now) =>
        document.Lease is { } lease && lease.IsExpired(now);
}
