namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Where the ingestion loop learns which blobs to process: a listing of the incoming container against the
/// checkpoints (<see cref="ListingFeed"/>) or the BlobCreated messages of a storage queue (<see cref="QueueFeed"/>).
/// The loop processes each batch, tells the feed how every blob of it ended, then asks how long to wait.
/// </summary>
internal interface IIncomingFeed
{
    /// <summary>Blobs that still failed transiently when a once-run stopped (processed again by a later run).</summary>
    int Pending { get; }

    /// <summary>Prepares the feed before the first batch (creates its queues, reads what it needs once).</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>The blobs to process now, possibly none; blobs found already done are counted in <paramref name="summary"/>.</summary>
    Task<IReadOnlyList<FeedItem>> ReceiveAsync(IngestionSummary summary, CancellationToken cancellationToken);

    /// <summary>Records how one blob of the last batch ended.</summary>
    Task SettleAsync(FeedItem item, FeedSettlement settlement, CancellationToken cancellationToken);

    /// <summary>After a batch: the pause before the next one, or null when a once-run has nothing left to try.</summary>
    TimeSpan? NextDelay();
}
