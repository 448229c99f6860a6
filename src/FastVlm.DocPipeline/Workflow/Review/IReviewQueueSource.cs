namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// A store that answers the review queue with a query (an index, a Cosmos DB query) instead of a read of every
/// document. Every implementation applies <see cref="ReviewQueueFilter"/> and orders newest first.
/// </summary>
public interface IReviewQueueSource
{
    Task<ReviewQueue> QueryQueueAsync(ReviewQueueQuery query, DateTime now, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListSchemaNamesAsync(CancellationToken cancellationToken = default);
}
