using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Functions.Schemas;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace FastVlm.DocPipeline.Functions.Http;

/// <summary>
/// HTTP API (function keys), ASP.NET Core integration. Callers get ids and the app's own URLs only, never
/// Durable's management (terminate, purge) URLs.
/// <list type="bullet">
/// <item><c>POST /api/documents</c> <c>{"name": "...pdf", "schema": "invoice", "force": false}</c></item>
/// <item><c>GET /api/documents/{documentId}/status</c>: runtime status and progress</item>
/// <item><c>GET /api/documents/{documentId}</c>: the stored document with its fields and pages</item>
/// </list>
/// </summary>
public sealed class DocumentsApi(DocumentStarter starter, DefaultSchemas defaults, IResultStore results)
{
    [Function("SubmitDocument")]
    public async Task<IActionResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "documents")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.HttpContext.RequestAborted;
        SubmitDocumentRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SubmitDocumentRequest>(request.Body, PipelineJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return ApiResults.Error(
                StatusCodes.Status400BadRequest,
                FunctionsErrorCodes.InvalidJson,
                $"The body is not valid JSON ({e.Message}); send {{\"name\": \"file.pdf\", \"schema\": \"invoice\"}}.");
        }

        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, FunctionsErrorCodes.NameMissing, "Give the blob name in the incoming container: {\"name\": \"file.pdf\"}.");
        }

        DocumentStart start;
        try
        {
            var schema = body.Schema is null ? defaults.For(body.Name) : SchemaReference.Parse(body.Schema);
            start = await starter.StartAsync(client, body.Name, schema, body.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e) when (e.Code == BlobErrorCodes.NotFound)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, e.Code, $"{e.Message} Upload the PDF to the incoming container first, then submit its name.");
        }
        catch (DocPipelineException e) when (e.Code == FunctionsErrorCodes.SchemaNotFound)
        {
            return ApiResults.Error(StatusCodes.Status422UnprocessableEntity, e.Code, e.Message);
        }
        catch (DocPipelineException e) when (!e.IsTransient)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, e.Code, e.Message);
        }

        return start.Decision switch
        {
            StartDecision.Rejected => ApiResults.Error(StatusCodes.Status422UnprocessableEntity, start.Rejection!.Code, start.Rejection.Message),
            StartDecision.AlreadyCompleted => ApiResults.Json(StatusCodes.Status200OK, Accepted(request, start)),
            _ => ApiResults.Json(StatusCodes.Status202Accepted, Accepted(request, start)),
        };
    }

    [Function("GetDocumentStatus")]
    public async Task<IActionResult> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "documents/{documentId}/status")] HttpRequest request,
        string documentId,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = request.HttpContext.RequestAborted;
        // Durable returns the custom status (the progress) only with the inputs and outputs; both are small.
        var instance = await client.GetInstanceAsync(documentId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        var document = await results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (instance is null && document is null)
        {
            return NotFound(documentId);
        }

        var pages = document is null ? [] : await results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
        var runId = document?.RunId;
        return ApiResults.Json(StatusCodes.Status200OK, new DocumentStatusResponse
        {
            DocumentId = documentId,
            RuntimeStatus = instance?.RuntimeStatus.ToString(),
            CreatedAt = instance?.CreatedAt,
            LastUpdatedAt = instance?.LastUpdatedAt,
            Progress = instance?.SerializedCustomStatus is { Length: > 0 } custom ? JsonNode.Parse(custom) : null,
            DocumentStatus = document?.Status,
            PageCount = document?.PageCount ?? 0,
            PagesDone = pages.Count(p => p.Status == PageStatuses.Done && p.RunId == runId),
            PagesFailed = pages.Count(p => p.Status == PageStatuses.Failed && p.RunId == runId),
            NeedsReview = document?.NeedsReview ?? false,
            Error = document?.Error ?? (instance?.FailureDetails is { } failure ? new ErrorInfo("orchestration.failed", failure.ErrorMessage) : null),
        });
    }

    [Function("GetDocument")]
    public async Task<IActionResult> GetDocumentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "documents/{documentId}")] HttpRequest request,
        string documentId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.HttpContext.RequestAborted;
        var document = await results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return NotFound(documentId);
        }

        var pages = await results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(StatusCodes.Status200OK, new DocumentResultResponse(document, pages));
    }

    private static SubmitResponse Accepted(HttpRequest request, DocumentStart start) => new(
        start.DocumentId,
        start.Decision,
        $"{request.PathBase}/api/documents/{start.DocumentId}/status",
        $"{request.PathBase}/api/documents/{start.DocumentId}");

    private static JsonResult NotFound(string documentId) => ApiResults.Error(
        StatusCodes.Status404NotFound,
        FunctionsErrorCodes.DocumentNotFound,
        $"No document or run with id '{documentId}'; use the documentId that POST /api/documents returned.");

    public sealed record SubmitResponse(string DocumentId, StartDecision Decision, string StatusUrl, string ResultUrl);

    public sealed record DocumentResultResponse(DocumentRecord Document, IReadOnlyList<PageRecord> Pages);

    public sealed record DocumentStatusResponse
    {
        public required string DocumentId { get; init; }

        public string? RuntimeStatus { get; init; }

        public DateTimeOffset? CreatedAt { get; init; }

        public DateTimeOffset? LastUpdatedAt { get; init; }

        /// <summary>The orchestrator's <see cref="Workflow.WorkflowProgress"/> (stage, page count).</summary>
        public JsonNode? Progress { get; init; }

        public DocumentStatus? DocumentStatus { get; init; }

        public int PageCount { get; init; }

        public int PagesDone { get; init; }

        public int PagesFailed { get; init; }

        public bool NeedsReview { get; init; }

        public ErrorInfo? Error { get; init; }
    }
}
