namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>A page of the review queue, newest first; <see cref="Truncated"/> when more documents matched than the limit.</summary>
public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Documents, bool Truncated);
