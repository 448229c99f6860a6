using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// The local stand-in for the blob trigger: takes batches of new blobs from an <see cref="IIncomingFeed"/> (a
/// listing against the checkpoints, or a storage queue) and hands each to an <see cref="IIncomingDocumentProcessor"/>
/// with bounded concurrency. Blobs that fail transiently are retried; final outcomes are checkpointed, so a restart
/// neither loses a half-done blob nor processes a finished one again. The incoming container must exist (it is
/// never created, so a mistyped name fails at once); a <see cref="HostFaultException"/> stops the loop.
/// </summary>
internal sealed class IngestionHost
{
    private readonly BlobContainerClient _incoming;
    private readonly IngestCheckpointStore _checkpoints;
    private readonly IIncomingFeed _feed;
    private readonly IIncomingDocumentProcessor _processor;
    private readonly IngestionHostOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public IngestionHost(
        BlobServiceClient blobs,
        QueueServiceClient? queues,
        BlobStorageOptions storageOptions,
        IIncomingDocumentProcessor processor,
        IngestionHostOptions options,
        ILogger<IngestionHost>? logger = null,
        TimeProvider? timeProvider = null)
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
        _logger = logger ?? NullLogger<IngestionHost>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        if (options.QueueName is { Length: > 0 } queueName)
        {
            ArgumentNullException.ThrowIfNull(queues);
            _feed = new QueueFeed(_incoming, queues.GetQueueClient(queueName), queues.GetQueueClient(queueName + "-poison"), _checkpoints, options, _logger);
        }
        else
        {
            _feed = new ListingFeed(_incoming, _checkpoints, options);
        }
    }

    public async Task<IngestionSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var summary = new IngestionSummary();
        await BlobContainerCheck.RequireExistingAsync(_incoming, "incoming container", cancellationToken).ConfigureAwait(false);

        try
        {
            await _feed.OpenAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var batch = await _feed.ReceiveAsync(summary, cancellationToken).ConfigureAwait(false);
                await Parallel.ForEachAsync(
                    batch,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
                    async (item, ct) =>
                    {
                        var settlement = await ProcessOneAsync(item.Blob, summary, ct).ConfigureAwait(false);
                        await _feed.SettleAsync(item, settlement, ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);

                if (_feed.NextDelay() is not { } delay)
                {
                    summary.SetPending(_feed.Pending);
                    break;
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !_options.Once)
        {
            // A long-running host stops when asked (Ctrl+C); blobs in flight have no checkpoint and resume next time.
        }

        _logger.LogInformation("Ingestion finished: {Summary}.", summary);
        return summary;
    }

    /// <summary>Processes one blob and checkpoints a final outcome.</summary>
    private async Task<FeedSettlement> ProcessOneAsync(IncomingBlob blob, IngestionSummary summary, CancellationToken cancellationToken)
    {
        IngestOutcome outcome;
        try
        {
            _logger.LogInformation("Processing {Blob} ({Size} bytes).", blob.Name, blob.Size);
            outcome = await _processor.ProcessAsync(blob, cancellationToken).ConfigureAwait(false);
        }
        catch (HostFaultException)
        {
            throw;
        }
        catch (DocPipelineException e) when (e.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("{Blob} failed transiently ({Code}: {Message}); it will be retried.", blob.Name, e.Code, e.Message);
            return FeedSettlement.RetryLater;
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
            return FeedSettlement.RetryLater;
        }

        if (outcome.IsPartial)
        {
            summary.AddPartiallyFailed();
            _logger.LogWarning("{Blob} completed as document {DocumentId} with {PagesFailed} failed page(s) ({Code}); not checkpointed, so a later run retries those pages.",
                blob.Name, outcome.DocumentId, outcome.PagesFailed, outcome.ErrorCode ?? "no code");
            return FeedSettlement.LeftForNextRun;
        }

        if (outcome.Status == DocumentStatus.Completed)
        {
            summary.AddCompleted();
            _logger.LogInformation("{Blob} completed as document {DocumentId}.", blob.Name, outcome.DocumentId);
        }
        else
        {
            summary.AddFailed();
            _logger.LogWarning("{Blob} failed as document {DocumentId}: {Code}.", blob.Name, outcome.DocumentId, outcome.ErrorCode ?? "no code");
        }

        try
        {
            var checkpoint = new IngestCheckpoint(blob.Name, blob.ETag, outcome.DocumentId, outcome.Status, outcome.ErrorCode, _time.GetUtcNow().UtcDateTime);
            await _checkpoints.WriteAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e)
        {
            // The result is stored; without a checkpoint the blob is looked at again and found done by the processor.
            _logger.LogWarning("Could not checkpoint {Blob}: {Message}", blob.Name, e.Message);
        }

        return FeedSettlement.Done;
    }
}
