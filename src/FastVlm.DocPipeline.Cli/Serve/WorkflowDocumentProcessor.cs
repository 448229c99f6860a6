using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Cli.Serve;

/// <summary>
/// Runs the document workflow (in-process engine) for an incoming blob. Infrastructure outages (Cosmos DB or
/// storage unavailable, throttled, timing out, or any failure that kept the workflow from storing the outcome)
/// are reported as transient, so the host retries the blob instead of checkpointing it: the workflow resumes from
/// what the store already holds (pages done are skipped). Before each document it awaits <c>prepare</c> (serve
/// loads the model there), so that a host fault surfaces before the document is touched.
/// </summary>
internal sealed class WorkflowDocumentProcessor : IIncomingDocumentProcessor
{
    private static readonly HashSet<string> InfrastructureCodes = new(StringComparer.Ordinal)
    {
        CosmosErrorCodes.Unavailable, CosmosErrorCodes.Throttled, CosmosErrorCodes.Timeout, CosmosErrorCodes.Conflict, CosmosErrorCodes.Failed,
        BlobErrorCodes.Unavailable,
    };

    private readonly InProcessDocumentPipeline _pipeline;
    private readonly SchemaChoice _schemas;
    private readonly Func<CancellationToken, ValueTask> _prepare;
    private readonly WorkflowRetryPolicies? _retries;
    private readonly IResultStore _results;
    private readonly BlobResultPublisher? _publisher;
    private readonly ILogger _logger;

    public WorkflowDocumentProcessor(
        InProcessDocumentPipeline pipeline,
        ExtractionSchema schema,
        IResultStore results,
        Func<CancellationToken, ValueTask> prepare,
        BlobResultPublisher? publisher = null,
        WorkflowRetryPolicies? retries = null,
        ILogger<WorkflowDocumentProcessor>? logger = null)
        : this(pipeline, SchemaChoice.Of(schema ?? throw new ArgumentNullException(nameof(schema))), results, prepare, publisher, retries, logger)
    {
    }

    /// <summary>With <c>--schema auto</c>: each blob is classified (and split) by <paramref name="schemas"/>.</summary>
    public WorkflowDocumentProcessor(
        InProcessDocumentPipeline pipeline,
        SchemaChoice schemas,
        IResultStore results,
        Func<CancellationToken, ValueTask> prepare,
        BlobResultPublisher? publisher = null,
        WorkflowRetryPolicies? retries = null,
        ILogger<WorkflowDocumentProcessor>? logger = null)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _schemas = schemas ?? throw new ArgumentNullException(nameof(schemas));
        _results = results ?? throw new ArgumentNullException(nameof(results));
        _prepare = prepare ?? throw new ArgumentNullException(nameof(prepare));
        _publisher = publisher;
        _retries = retries;
        _logger = logger ?? NullLogger<WorkflowDocumentProcessor>.Instance;
    }

    public async Task<IngestOutcome> ProcessAsync(IncomingBlob blob, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        await _prepare(cancellationToken).ConfigureAwait(false);
        DocumentWorkflowResult result;
        try
        {
            result = await _pipeline.RunAsync(
                _schemas.Input(blob.Name, retries: _retries),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The workflow stores every document-level failure itself; an exception means it could not even
            // record one (the store or the source is unreachable): keep the blob for a later attempt.
            var code = CodeOf(e);
            if (code == BlobErrorCodes.NotFound)
            {
                return new IngestOutcome(null, DocumentStatus.Failed, code);
            }

            throw new IngestRetryException(blob.Name, code, e);
        }

        // A split bundle's parts are documents of their own: an outage in any of them retries the blob.
        IReadOnlyList<DocumentWorkflowResult> documents = [result, .. result.Parts];
        var infrastructure = documents.Select(d => d.Error?.Code).FirstOrDefault(code => code is not null && InfrastructureCodes.Contains(code))
            ?? documents.SelectMany(d => d.FailedPages).Select(p => p.Code).FirstOrDefault(InfrastructureCodes.Contains);
        if (infrastructure is not null)
        {
            // Stored as failed (or with failed pages) because a service was down: run it again later.
            throw new IngestRetryException(blob.Name, infrastructure, null);
        }

        if (_publisher is not null)
        {
            foreach (var documentId in documents.Select(d => d.DocumentId))
            {
                var document = await _results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
                if (document is not null)
                {
                    var pages = await _results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
                    await _publisher.PublishAsync(document, pages, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        _logger.LogDebug("{Blob} → document {DocumentId}, run {RunId}: {Status}.", blob.Name, result.DocumentId, result.RunId, result.Status);
        // A document whose every page failed has no document-level error: its first page's code says why.
        var errorCode = result.Error?.Code ?? result.FailedPages.Select(p => p.Code).FirstOrDefault();
        return new IngestOutcome(result.DocumentId, result.Status, errorCode, result.FailedPages.Count);
    }

    private static string CodeOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DocPipelineException d)
            {
                return d.Code;
            }
        }

        return ActivityFailure.ToError(exception).Code;
    }
}
