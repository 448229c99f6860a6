using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Functions.Schemas;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// Starts the document orchestration for a blob of the incoming container, idempotently: the instance id is
/// the document id (content SHA-256 + schema name, version and content hash), so a re-upload of the same
/// bytes finds the earlier instance and <see cref="OrchestrationStartPolicy"/> decides (never two runs of one
/// document at once). The blob is hashed here once and the run is pinned to that content.
/// Shared by the blob trigger and the HTTP submit endpoint. The schema <c>auto</c> classifies among
/// <see cref="ClassificationSettings"/>; its instance id is the file's own record (content + candidate schemas).
/// </summary>
public sealed class DocumentStarter(
    IDocumentSource source,
    ISchemaCatalog schemas,
    IResultStore results,
    TimeProvider time,
    ILogger<DocumentStarter> logger,
    ClassificationSettings? classification = null)
{
    public async Task<DocumentStart> StartAsync(
        DurableTaskClient client,
        string blobName,
        SchemaReference schemaReference,
        bool force,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        ArgumentNullException.ThrowIfNull(schemaReference);
        var auto = ClassificationRequest.IsAuto(schemaReference.Name);
        var request = auto ? await (classification ?? new ClassificationSettings(null, null)).ResolveAsync(schemas, cancellationToken).ConfigureAwait(false) : null;
        var schema = auto ? null : await schemas.GetAsync(schemaReference, cancellationToken).ConfigureAwait(false);
        var info = await SourceHasher.HashAsync(source, blobName, cancellationToken).ConfigureAwait(false);
        var documentId = request is not null
            ? DocumentIdentity.ForClassifiedSource(info.Sha256, request.Candidates.Select(SchemaHasher.Compute), request.Split)
            : DocumentIdentity.Compute(info.Sha256, schema!.Name, schema.Version, SchemaHasher.Compute(schema));
        var schemaRef = schema?.ToRef() ?? ClassificationRequest.SourceSchemaRef;

        if (info.Size == 0)
        {
            var error = new ErrorInfo(HostingErrorCodes.EmptyDocument, $"'{info.Container}/{blobName}' is empty; upload the file again.");
            var rejected = RejectedDocument.Create(documentId, info, schemaRef, error, time.GetUtcNow().UtcDateTime);
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

        var input = new DocumentWorkflowInput { SourceName = blobName, Schema = schema, Classification = request, Force = force, PinnedSource = info };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowNames.Document,
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

        logger.LogInformation("Started document {DocumentId} for {Blob} with schema {Schema} {Version}.", documentId, blobName, schemaRef.Name, schemaRef.Version);
        return new DocumentStart(documentId, StartDecision.Start);
    }
}
