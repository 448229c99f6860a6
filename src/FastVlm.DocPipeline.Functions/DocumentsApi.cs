using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// HTTP API (function keys): submit a blob, follow a document's progress, read its result.
/// <list type="bullet">
/// <item><c>POST /api/documents</c> <c>{"name": "...pdf", "schema": "invoice", "force": false}</c></item>
/// <item><c>GET /api/documents/{documentId}/status</c>: runtime status + progress (pages done / total)</item>
/// <item><c>GET /api/documents/{documentId}</c>: the stored document with its fields and pages</item>
/// </list>
/// </summary>
public sealed class DocumentsApi(DocumentStarter starter, IResultStore results)
{
    [Function("SubmitDocument")]
    public async Task<HttpResponseData> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "documents")] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var cancellationToken = context.CancellationToken;
        SubmitDocumentRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<SubmitDocumentRequest>(cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return await ErrorAsync(request, HttpStatusCode.BadRequest, "request.invalid_json", e.Message, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            return await ErrorAsync(request, HttpStatusCode.BadRequest, "request.name_missing", "Give the blob name in the incoming container: {\"name\": \"file.pdf\"}.", cancellationToken).ConfigureAwait(false);
        }

        DocumentStart start;
        try
        {
            start = await starter.StartAsync(client, body.Name, body.Schema, body.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobStorageException e) when (e.Code == BlobErrorCodes.NotFound)
        {
            return await ErrorAsync(request, HttpStatusCode.NotFound, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (DocPipelineException e) when (!e.IsTransient)
        {
            return await ErrorAsync(request, HttpStatusCode.BadRequest, e.Code, e.Message, cancellationToken).ConfigureAwait(false);
        }

        return start.Decision switch
        {
            StartDecision.Start or StartDecision.AlreadyRunning =>
                await client.CreateCheckStatusResponseAsync(request, start.DocumentId, cancellationToken).ConfigureAwait(false),
            StartDecision.Rejected =>
                await ErrorAsync(request, HttpStatusCode.UnprocessableEntity, start.Rejection!.Code, start.Rejection.Message, cancellationToken).ConfigureAwait(false),
            _ => await JsonAsync(request, HttpStatusCode.OK, new { documentId = start.DocumentId, decision = start.Decision }, cancellationToken).ConfigureAwait(false),
        };
    }

    [Function("GetDocumentStatus")]
    public async Task<HttpResponseData> GetStatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "documents/{documentId}/status")] HttpRequestData request,
        string documentId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var cancellationToken = context.CancellationToken;
        var instance = await client.GetInstanceAsync(documentId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        var document = await results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (instance is null && document is null)
        {
            return await ErrorAsync(request, HttpStatusCode.NotFound, "document.not_found", $"No document or run with id '{documentId}'.", cancellationToken).ConfigureAwait(false);
        }

        var status = new
        {
            documentId,
            runtimeStatus = instance?.RuntimeStatus.ToString(),
            createdAt = instance?.CreatedAt,
            lastUpdatedAt = instance?.LastUpdatedAt,
            // WorkflowProgress as the orchestrator last published it: stage, pageCount, pagesDone, pagesFailed, ...
            progress = instance?.SerializedCustomStatus is { Length: > 0 } custom ? JsonNode.Parse(custom) : null,
            documentStatus = document?.Status,
            pageCount = document?.PageCount,
            pagesDone = document?.PagesDone,
            pagesFailed = document?.PagesFailed,
            error = document?.Error ?? (instance?.FailureDetails is { } failure ? new ErrorInfo("orchestration.failed", failure.ErrorMessage) : null),
        };
        return await JsonAsync(request, HttpStatusCode.OK, status, cancellationToken).ConfigureAwait(false);
    }

    [Function("GetDocument")]
    public async Task<HttpResponseData> GetDocumentAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "documents/{documentId}")] HttpRequestData request,
        string documentId,
        FunctionContext context)
    {
        var cancellationToken = context.CancellationToken;
        var document = await results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return await ErrorAsync(request, HttpStatusCode.NotFound, "document.not_found", $"No document with id '{documentId}'.", cancellationToken).ConfigureAwait(false);
        }

        var pages = await results.GetPagesAsync(documentId, cancellationToken).ConfigureAwait(false);
        return await JsonAsync(request, HttpStatusCode.OK, new { document, pages }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HttpResponseData> JsonAsync<T>(HttpRequestData request, HttpStatusCode status, T value, CancellationToken cancellationToken)
    {
        var response = request.CreateResponse();
        await response.WriteAsJsonAsync(value, status, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private static Task<HttpResponseData> ErrorAsync(HttpRequestData request, HttpStatusCode status, string code, string message, CancellationToken cancellationToken) =>
        JsonAsync(request, status, new { error = new ErrorInfo(code, message) }, cancellationToken);
}
