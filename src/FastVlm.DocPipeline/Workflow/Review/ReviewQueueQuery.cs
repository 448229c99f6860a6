namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// A review queue request: a view, an optional schema name, a case-insensitive search over ids, source names and
/// field values, a page size, and the continuation token of the previous page.
/// </summary>
public sealed record ReviewQueueQuery
{
    public const int MaxLimit = 500;

    public const int MaxSearchLength = 200;

    public const int MaxContinuationLength = 4096;

    public ReviewQueueView View { get; init; } = ReviewQueueView.NeedsReview;

    public string? Schema { get; init; }

    public string? Search { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>Where the previous page stopped (<see cref="ReviewQueue.Continuation"/>); null for the first page.</summary>
    public string? Continuation { get; init; }
}
