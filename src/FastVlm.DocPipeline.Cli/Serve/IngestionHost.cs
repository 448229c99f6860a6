using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// The local stand-in for the blob trigger: finds new blobs in the incoming container (listing against the
/// checkpoints, or messages of a storage queue) and hands each to an <see cref="IIncomingDocumentProcessor"/> with
/// bounded concurrency. Blobs that fail transiently are retried; final outcomes are checkpointed, so a restart
/// neither loses a half-done blob nor processes a finished one again.
/// </summary>
internal sealed class IngestionHost
{
    private readonly BlobContainerClient _incoming;
    private readonly QueueClient? _queue;
    private readonly QueueClient? _poisonQueue;
    private readonly IngestCheckpointStore _checkpoints;
    private readonly IIncomingDocumentProcessor _processor;
    private readonly IngestionHostOptions _options;
    private readonly ILogger _logger;
    private readonly bool _createContainers;

    public IngestionHost(
        BlobServiceClient blobs,
        QueueServiceClient? queues,
        BlobStorageOptions storageOptions,
        IIncomingDocumentProcessor processor,
        IngestionHostOptions options,
        ILogger<IngestionHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(storageOptions);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Concurrency);
        _incoming = blobs.GetBlobContainerClient(storageOptions.IncomingContainer);
        _checkpoints = new IngestCheckpointStore(blobs, storageOptions.IncomingContainer);
        _processor = processor;
        _options = options;
        _createContainers = storageOptions.CreateContainersIfMissing;
        _logger = logger ?? NullLogger<IngestionHost>.Instance;
        if (options.QueueName is { Length: > 0 } queueName)
        {
            ArgumentNullException.ThrowIfNull(queues);
            _queue = queues.GetQueueClient(queueName);
            _poisonQueue = queues.GetQueueClient(queueName + "-poison");
        }
    }

    public async Task<IngestionSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var summary = new IngestionSummary();
        if (_createContainers)
        {
            await _incoming.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        try
        {
            if (_queue is not null)
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await _poisonQueue!.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await RunQueueAsync(summary, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunListingAsync(summary, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_options.Once)
        {
            // A long-running host stops when asked (Ctrl+C); blobs in flight have no checkpoint and resume next time.
        }

        _logger.LogInformation("Ingestion finished: {Summary}.", summary);
        return summary;
    }

    private async Task RunListingAsync(IngestionSummary summary, CancellationToken cancellationToken)
    {
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            var pending = await ListingPassAsync(summary, attempts, cancellationToken).ConfigureAwait(false);
            var mostAttempts = pending.Count == 0 ? 0 : pending.Max(name => attempts.GetValueOrDefault(name));
            if (_options.Once)
            {
                if (!pending.Any(name => attempts.GetValueOrDefault(name) < _options.MaxAttempts))
                {
                    summary.SetPending(pending.Count);
                    return;
                }

                await Task.Delay(Backoff(mostAttempts), cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (pending.Count == 0)
            {
                attempts.Clear();
            }

            await Task.Delay(pending.Count > 0 ? Backoff(mostAttempts) : _options.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One listing of the incoming container; returns the blobs that failed transiently.</summary>
    private async Task<List<string>> ListingPassAsync(IngestionSummary summary, ConcurrentDictionary<string, int> attempts, CancellationToken cancellationToken)
    {
        var checkpoints = await _checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var candidates = new List<IncomingBlob>();
        await foreach (var item in _incoming.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var blob = new IncomingBlob(item.Name, item.Properties.ETag?.ToString() ?? "", item.Properties.ContentLength ?? 0);
            if (checkpoints.TryGetValue(blob.Name, out var done) && done.ETag == blob.ETag)
            {
                continue;
            }

            if (attempts.GetValueOrDefault(blob.Name) >= _options.MaxAttempts && _options.Once)
            {
                continue;
            }

            candidates.Add(blob);
        }

        var pending = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            candidates,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (blob, ct) =>
            {
                if (!await ProcessOneAsync(blob, summary, ct).ConfigureAwait(false))
                {
                    attempts.AddOrUpdate(blob.Name, 1, (_, n) => n + 1);
                    pending.Add(blob.Name);
                }
            }).ConfigureAwait(false);
        return [.. pending];
    }

    private async Task RunQueueAsync(IngestionSummary summary, CancellationToken cancellationToken)
    {
        var checkpoints = await _checkpoints.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var retryLater = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] messages = (await _queue!.ReceiveMessagesAsync(_options.Concurrency, _options.QueueVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
            if (messages.Length == 0)
            {
                if (_options.Once && retryLater == 0)
                {
                    return;
                }

                retryLater = 0;
                await Task.Delay(_options.Once ? _options.RetryDelay : _options.PollInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await Parallel.ForEachAsync(
                messages,
                new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                async (message, ct) =>
                {
                    var name = BlobEventMessage.ReadBlobName(BlobEventMessage.DecodeBody(message.Body.ToString()), _incoming.Name);
                    if (name is null)
                    {
                        _logger.LogWarning("Queue message {MessageId} names no blob of container {Container}; moved to the poison queue.", message.MessageId, _incoming.Name);
                        await PoisonAsync(message, ct).ConfigureAwait(false);
                        return;
                    }

                    IncomingBlob blob;
                    try
                    {
                        var properties = await _incoming.GetBlobClient(name).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
                        blob = new IncomingBlob(name, properties.Value.ETag.ToString(), properties.Value.ContentLength);
                    }
                    catch (RequestFailedException e) when (e.Status == 404)
                    {
                        _logger.LogWarning("Blob {Blob} named by a queue message no longer exists; message dropped.", name);
                        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                        return;
                    }

                    if (checkpoints.TryGetValue(name, out var done) && done.ETag == blob.ETag)
                    {
                        summary.AddSkipped();
                        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                        return;
                    }

                    if (await ProcessOneAsync(blob, summary, ct).ConfigureAwait(false))
                    {
                        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
                    }
                    else if (message.DequeueCount >= _options.MaxAttempts)
                    {
                        await PoisonAsync(message, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        Interlocked.Increment(ref retryLater);
                        await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: Backoff((int)message.DequeueCount), cancellationToken: ct).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
    }

    /// <summary>Processes one blob; false when it failed transiently and should be tried again.</summary>
    private async Task<bool> ProcessOneAsync(IncomingBlob blob, IngestionSummary summary, CancellationToken cancellationToken)
    {
        IngestOutcome outcome;
        try
        {
            _logger.LogInformation("Processing {Blob} ({Size} bytes).", blob.Name, blob.Size);
            outcome = await _processor.ProcessAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (DocPipelineException e) when (e.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("{Blob} failed transiently ({Code}: {Message}); it will be retried.", blob.Name, e.Code, e.Message);
            return false;
        }
        catch (DocPipelineException e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("{Blob} failed ({Code}): {Message}", blob.Name, e.Code, e.Message);
            outcome = new IngestOutcome(null, DocumentStatus.Failed, e.Code);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "{Blob} failed unexpectedly.", blob.Name);
            outcome = new IngestOutcome(null, DocumentStatus.Failed, "host.unexpected");
        }

        if (outcome.Status is not (DocumentStatus.Completed or DocumentStatus.Failed))
        {
            _logger.LogWarning("{Blob} ended as {Status}; it will be retried.", blob.Name, outcome.Status);
            return false;
        }

        if (outcome.Status == DocumentStatus.Completed)
        {
            summary.AddCompleted();
            _logger.LogInformation("{Blob} completed as document {DocumentId}.", blob.Name, outcome.DocumentId);
        }
        else
        {
            summary.AddFailed();
            _logger.LogWarning("{Blob} failed as document {DocumentId}: {Code}.", blob.Name, outcome.DocumentId, outcome.ErrorCode);
        }

        try
        {
            await _checkpoints.WriteAsync(new IngestCheckpoint(blob.Name, blob.ETag, outcome.DocumentId, outcome.Status, outcome.ErrorCode, DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e)
        {
            // The result is stored; without a checkpoint the blob is looked at again and found done by the processor.
            _logger.LogWarning("Could not checkpoint {Blob}: {Message}", blob.Name, e.Message);
        }

        return true;
    }

    private async Task PoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await _poisonQueue!.SendMessageAsync(message.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue!.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks * (1L << Math.Min(attempt - 1, 10)), TimeSpan.FromMinutes(2).Ticks));
}
