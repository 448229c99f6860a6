namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>A review queue request: a view, an optional schema name, and a case-insensitive search over source names and field values.</summary>
public sealed record ReviewQueueQuery
{
    public const int MaxLimit = 500;

    public const int MaxSearchLength = 200;

    public ReviewQueueView View { get; init; } = ReviewQueueView.NeedsReview;

    public string? Schema { get; init; }

    public string? Search { get; init; }

    public int Limit { get; init; } = 100;
}
