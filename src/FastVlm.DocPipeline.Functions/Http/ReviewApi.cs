using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FastVlm.DocPipeline.Functions.Http;

/// <summary>
/// The review endpoints (function keys, like the rest of the API) on <see cref="DocumentReviewService"/>. Writes
/// send the document's etag as <c>If-Match</c> and are saved under the signed-in user that the platform's built-in
/// authentication forwards; <see cref="ReviewAccessPolicy"/> decides whether that user may save.
/// <list type="bullet">
/// <item><c>GET /api/review?view=needsReview|failed|reviewed|recent&amp;schema=&amp;q=&amp;limit=</c></item>
/// <item><c>POST /api/documents/{documentId}/fields/{field}/review</c> <c>{"action": "accepted|edited|alternative", "value": …, "alternative": 0}</c></item>
/// <item><c>POST /api/documents/{documentId}/approve</c></item>
/// </list>
/// A write answers the updated document and its new etag (body and <c>ETag</c> header); a stale etag is a 409 whose
/// body carries <c>currentETag</c>.
/// </summary>
public sealed class ReviewApi(DocumentReviewService review, ReviewAccessPolicy access)
{
    public const int MaxBodyBytes = 256 * 1024;

    [Function("ListDocumentsForReview")]
    public async Task<IActionResult> GetQueueAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "review")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReviewQueryReader.Read(request.Query) is not { } query)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, FunctionsErrorCodes.ReviewQueryInvalid, ReviewQueryReader.Usage);
        }

        var queue = await review.GetQueueAsync(query, request.HttpContext.RequestAborted).ConfigureAwait(false);
        return ApiResults.Json(StatusCodes.Status200OK, queue);
    }

    [Function("ReviewDocumentField")]
    public Task<IActionResult> ReviewFieldAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "documents/{documentId}/fields/{field}/review")] HttpRequest request,
        string documentId,
        string field)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WriteAsync(request, async (reviewer, etag, cancellationToken) =>
        {
            var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
            var decision = new FieldReviewRequest { Action = body.Action ?? "", Value = body.Value, Alternative = body.Alternative, ETag = etag };
            return await review.ReviewFieldAsync(documentId, field, decision, reviewer, cancellationToken).ConfigureAwait(false);
        });
    }

    [Function("ApproveDocument")]
    public Task<IActionResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "documents/{documentId}/approve")] HttpRequest request,
        string documentId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WriteAsync(request, (reviewer, etag, cancellationToken) => review.ApproveAsync(documentId, reviewer, etag, cancellationToken));
    }

    private async Task<IActionResult> WriteAsync(HttpRequest request, Func<string, string, CancellationToken, Task<DocumentRecord>> write)
    {
        try
        {
            var reviewer = access.AuthorizeSave(
                request.Headers[ClientPrincipalParser.PrincipalHeader].ToString(),
                request.Headers[ClientPrincipalParser.PrincipalNameHeader].ToString());
            if (IfMatch(request) is not { } etag)
            {
                return ApiResults.Error(
                    StatusCodes.Status428PreconditionRequired,
                    FunctionsErrorCodes.ReviewETagMissing,
                    "Send the document's etag (the queue's or the last save's \"etag\") as the If-Match header, so that a save never overwrites someone else's newer one.");
            }

            var document = await write(reviewer, etag, request.HttpContext.RequestAborted).ConfigureAwait(false);
            var newETag = DocumentReviewService.ETagOf(document);
            request.HttpContext.Response.Headers.ETag = ReviewETag.ToHeader(newETag);
            return ApiResults.Json(StatusCodes.Status200OK, new ReviewedDocument(document, newETag));
        }
        catch (ReviewException e) when (e.Code == ReviewErrorCodes.Conflict)
        {
            return ApiResults.Json(StatusCodes.Status409Conflict, new ReviewConflict(new ErrorInfo(e.Code, e.Message), e.CurrentETag ?? ""));
        }
        catch (ReviewException e)
        {
            return ApiResults.Error(StatusOf(e.Code), e.Code, e.Message);
        }
        catch (RequestBodyException e)
        {
            return ApiResults.Error(e.Status, e.Code, e.Message);
        }
    }

    private static async Task<FieldReviewBody> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize<FieldReviewBody>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), PipelineJson.Options)
                ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new RequestBodyException(
                StatusCodes.Status400BadRequest,
                FunctionsErrorCodes.InvalidJson,
                $"The body is not a review decision ({e.Message}); send {{\"action\": \"edited\", \"value\": \"…\"}}, {{\"action\": \"accepted\"}} or {{\"action\": \"alternative\", \"alternative\": 0}}.");
        }
    }

    private static RequestBodyException TooLarge() => new(
        StatusCodes.Status413PayloadTooLarge,
        FunctionsErrorCodes.BodyTooLarge,
        $"A review decision is at most {MaxBodyBytes} bytes.");

    private static string? IfMatch(HttpRequest request)
    {
        var value = ReviewETag.FromIfMatch(request.Headers.IfMatch.ToString());
        return value.Length is > 0 and <= 256 ? value : null;
    }

    private static int StatusOf(string code) => code switch
    {
        ReviewErrorCodes.Unauthenticated or ReviewErrorCodes.ReviewerMissing => StatusCodes.Status401Unauthorized,
        ReviewErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        ReviewErrorCodes.DocumentNotFound or ReviewErrorCodes.FieldNotFound => StatusCodes.Status404NotFound,
        ReviewErrorCodes.NotReviewable => StatusCodes.Status409Conflict,
        ReviewErrorCodes.AlternativeNotFound => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The body of a field review; the etag comes as <c>If-Match</c>.</summary>
    public sealed record FieldReviewBody(string? Action, JsonNode? Value, int? Alternative);

    public sealed record ReviewedDocument(DocumentRecord Document, string ETag);

    /// <summary>A 409: the error and the etag to reload against.</summary>
    public sealed record ReviewConflict(ErrorInfo Error, string CurrentETag);
}
