using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>One line of the review queue.</summary>
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
    string ETag);
