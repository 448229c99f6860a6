namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// A page of the review queue, newest first. <see cref="Continuation"/> fetches the next page (null on the last);
/// <see cref="Truncated"/> says there is one. <see cref="Unreadable"/> counts the records the store could not read;
/// <see cref="UnreadableRecords"/> names them with their fix, so nothing drops out of the queue silently.
/// </summary>
public sealed record ReviewQueue(IReadOnlyList<ReviewQueueItem> Documents, bool Truncated)
{
    public string? Continuation { get; init; }

    public int Unreadable { get; init; }

    public IReadOnlyList<UnreadableRecord> UnreadableRecords { get; init; } = [];
}
