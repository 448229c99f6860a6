using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Lists the incoming container and hands out every blob whose etag differs from its checkpoint. Blobs that
/// fail transiently are counted per name and backed off; a once-run stops when each has used its attempts.
/// Blobs left for the next run (failed pages) are not handed out again by this process while their etag stays.
/// </summary>
internal sealed class ListingFeed(BlobContainerClient incoming, IngestCheckpointStore checkpoints, IngestionHostOptions options) : IIncomingFeed
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _failedThisBatch = [];
    private readonly ConcurrentDictionary<string, string> _leftForNextRun = new(StringComparer.Ordinal);

    public int Pending { get; private set; }

    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<FeedItem>> ReceiveAsync(IngestionSummary summary, CancellationToken cancellationToken)
    {
        _failedThisBatch.Clear();
        var done = await checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<FeedItem>();
        try
        {
            await foreach (var item in incoming.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var blob = new IncomingBlob(item.Name, item.Properties.ETag?.ToString() ?? "", item.Properties.ContentLength ?? 0);
                if (IsNew(blob, done))
                {
                    items.Add(new FeedItem(blob));
                }
            }
        }
        catch (Exception e) when (BlobStorageException.TryTranslate(e, incoming.Name, null, out var translated))
        {
            throw translated;
        }

        return items;
    }

    public Task SettleAsync(FeedItem item, FeedSettlement settlement, CancellationToken cancellationToken)
    {
        if (settlement == FeedSettlement.RetryLater)
        {
            _attempts.AddOrUpdate(item.Blob.Name, 1, (_, n) => n + 1);
            _failedThisBatch.Add(item.Blob.Name);
        }
        else if (settlement == FeedSettlement.LeftForNextRun)
        {
            _leftForNextRun[item.Blob.Name] = item.Blob.ETag;
        }

        return Task.CompletedTask;
    }

    public TimeSpan? NextDelay()
    {
        var failed = _failedThisBatch.ToArray();
        var mostAttempts = failed.Length == 0 ? 0 : failed.Max(name => _attempts.GetValueOrDefault(name));
        if (options.Once)
        {
            if (!failed.Any(name => _attempts.GetValueOrDefault(name) < options.MaxAttempts))
            {
                Pending = failed.Length;
                return null;
            }

            return options.Backoff(mostAttempts);
        }

        if (failed.Length == 0)
        {
            _attempts.Clear();
        }

        return failed.Length > 0 ? options.Backoff(mostAttempts) : options.PollInterval;
    }

    private bool IsNew(IncomingBlob blob, IReadOnlyDictionary<string, IngestCheckpoint> done) =>
        !(done.TryGetValue(blob.Name, out var checkpoint) && checkpoint.ETag == blob.ETag)
        && !(_leftForNextRun.TryGetValue(blob.Name, out var leftAt) && leftAt == blob.ETag)
        && !(options.Once && _attempts.GetValueOrDefault(blob.Name) >= options.MaxAttempts);
}
