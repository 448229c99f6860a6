using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Which documents each queue view holds, on the facts of <see cref="DocumentQueueSummary"/>:
/// <list type="bullet">
/// <item><c>needsReview</c>: reviewable (values from a finished run), neither approved nor failed, and at least one field
/// to look at. A run in progress or dead does not hide it: its earlier values stay reviewable.</item>
/// <item><c>failed</c>: the document or some of its pages failed.</item>
/// <item><c>reviewed</c>: approved, with no stale field.</item>
/// <item><c>recent</c>: everything.</item>
/// </list>
/// </summary>
public static class ReviewQueueFilter
{
    public static bool InView(ReviewQueueView view, DocumentStatus status, DocumentQueueSummary summary, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return view switch
        {
            ReviewQueueView.NeedsReview => summary.Reviewable
                && status is not (DocumentStatus.Reviewed or DocumentStatus.Failed)
                && summary.FieldsToReview > 0,
            ReviewQueueView.Failed => summary.Failed,
            ReviewQueueView.Reviewed => status == DocumentStatus.Reviewed,
            _ => true,
        };
    }

    public static bool Mentions(DocumentQueueSummary summary, string? search) =>
        string.IsNullOrWhiteSpace(search) || summary.Search.Contains(search.Trim().ToLowerInvariant(), StringComparison.Ordinal);
}
