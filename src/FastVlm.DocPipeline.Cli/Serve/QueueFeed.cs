using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FastVlm.DocPipeline.Blobs;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Hands out the blobs named by the messages of a storage queue (BlobCreated events or plain names). A message
/// is deleted once its blob is done, made invisible for a back-off when it failed transiently, and moved to
/// <c>{queue}-poison</c> when it names no blob, used its attempts, or left a document with failed pages (replaying
/// the message retries only those pages).
/// </summary>
internal sealed class QueueFeed(
    BlobContainerClient incoming,
    QueueClient queue,
    QueueClient poison,
    IngestCheckpointStore checkpoints,
    IngestionHostOptions options,
    ILogger logger) : IIncomingFeed
{
    private IReadOnlyDictionary<string, IngestCheckpoint> _done = new Dictionary<string, IngestCheckpoint>();
    private bool _lastBatchEmpty;
    private int _retryLater;

    /// <summary>Always 0: a message still failing stays in the queue (or the poison queue), not in this run.</summary>
    public int Pending => 0;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _done = await checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedItem>> ReceiveAsync(IngestionSummary summary, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = (await queue.ReceiveMessagesAsync(options.Concurrency, options.QueueVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
        _lastBatchEmpty = messages.Length == 0;
        var items = new List<FeedItem>();
        foreach (var message in messages)
        {
            var name = BlobEventMessage.ReadBlobName(BlobEventMessage.DecodeBody(message.Body.ToString()), incoming.Name);
            if (name is null)
            {
                logger.LogWarning("Queue message {MessageId} names no blob of container {Container}; moved to the poison queue.", message.MessageId, incoming.Name);
                await PoisonAsync(message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            IncomingBlob blob;
            try
            {
                var properties = await incoming.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                blob = new IncomingBlob(name, properties.Value.ETag.ToString(), properties.Value.ContentLength);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                logger.LogWarning("Blob {Blob} named by a queue message no longer exists; message dropped.", name);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_done.TryGetValue(name, out var checkpoint) && checkpoint.ETag == blob.ETag)
            {
                summary.AddSkipped();
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            items.Add(new QueueItem(blob, message));
        }

        return items;
    }

    public async Task SettleAsync(FeedItem item, FeedSettlement settlement, CancellationToken cancellationToken)
    {
        var message = ((QueueItem)item).Message;
        if (settlement == FeedSettlement.Done)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        else if (settlement == FeedSettlement.LeftForNextRun || message.DequeueCount >= options.MaxAttempts)
        {
            await PoisonAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Interlocked.Increment(ref _retryLater);
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.Backoff((int)message.DequeueCount), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public TimeSpan? NextDelay()
    {
        if (!_lastBatchEmpty)
        {
            return TimeSpan.Zero;
        }

        if (options.Once && Volatile.Read(ref _retryLater) == 0)
        {
            return null;
        }

        Volatile.Write(ref _retryLater, 0);
        return options.Once ? options.RetryDelay : options.PollInterval;
    }

    private async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    private sealed record QueueItem(IncomingBlob Blob, QueueMessage Message) : FeedItem(Blob);
}
