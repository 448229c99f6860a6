using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// Starts the document orchestration for a blob of the incoming container, idempotently: the instance id is
/// the document id (content SHA-256 + schema), so a re-upload of the same bytes finds the earlier instance
/// and <see cref="OrchestrationStartPolicy"/> decides (never two runs of one document at once).
/// Shared by the blob trigger and the HTTP submit endpoint.
/// </summary>
public sealed class DocumentStarter(
    BlobDocumentSource source,
    IResultStore results,
    PipelineSettings settings,
    TimeProvider time,
    ILogger<DocumentStarter> logger)
{
    public async Task<DocumentStart> StartAsync(
        DurableTaskClient client,
        string blobName,
        string? schemaNameOrPath,
        bool force,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        var schema = await SchemaLoader.ResolveAsync(schemaNameOrPath ?? settings.Schema, cancellationToken).ConfigureAwait(false);
        var (sha256, etag, size) = await source.ComputeSha256Async(blobName, cancellationToken).ConfigureAwait(false);
        var documentId = DocumentIdentity.Compute(sha256, schema.Name, schema.Version);

        if (size == 0)
        {
            var error = new ErrorInfo(HostingErrorCodes.EmptyDocument, $"'{source.ContainerName}/{blobName}' is empty; upload the file again.");
            var rejected = RejectedDocument.Create(
                documentId,
                new SourceInfo(source.ContainerName, blobName, etag, sha256, size),
                schema.ToRef(),
                error,
                time.GetUtcNow().UtcDateTime);
            await results.UpdateDocumentAsync(documentId, existing => RejectedDocument.Apply(existing, rejected), cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Rejected {Blob} as document {DocumentId}: {Code}.", blobName, documentId, error.Code);
            return new DocumentStart(documentId, StartDecision.Rejected, error);
        }

        var existing = await client.GetInstanceAsync(documentId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
        var decision = OrchestrationStartPolicy.Decide(RunStatusMapping.ToHosted(existing), force);
        if (decision != StartDecision.Start)
        {
            logger.LogInformation("{Blob} is document {DocumentId}: {Decision}, not started again.", blobName, documentId, decision);
            return new DocumentStart(documentId, decision);
        }

        var input = new DocumentWorkflowInput { SourceName = blobName, Schema = schema, Force = force };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                DocumentOrchestrator.Name,
                input,
                new StartOrchestrationOptions(documentId),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Two events for the same content raced; the other one started it.
            var now = await client.GetInstanceAsync(documentId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
            if (OrchestrationStartPolicy.Decide(RunStatusMapping.ToHosted(now), force: false) == StartDecision.AlreadyRunning)
            {
                return new DocumentStart(documentId, StartDecision.AlreadyRunning);
            }

            throw;
        }

        logger.LogInformation("Started document {DocumentId} for {Blob} with schema {Schema} {Version}.", documentId, blobName, schema.Name, schema.Version);
        return new DocumentStart(documentId, StartDecision.Start);
    }
}
