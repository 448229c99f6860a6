using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The review app's JSON API over <see cref="DocumentReviewService"/>. Reads: the queue, the schema names, a document
/// with its pages and etag, a page image. Writes (a field decision, an approval) need the CSRF header, a JSON body of
/// at most <see cref="ReviewServerOptions.MaxBodyBytes"/>, <c>If-Match</c> with the document's etag, and a reviewer.
/// Every refusal is <c>{"code", "message"}</c> with a stable code.
/// </summary>
internal sealed class ReviewApi(IResultStore results, IPageImageStore images, IReviewerIdentity identity, Workflow.Events.DocumentCompletionNotifier? events = null)
{
    private readonly DocumentReviewService _service = new(results, events: events);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/queue", (HttpContext context, CancellationToken ct) => Guarded(() => QueueAsync(context.Request.Query, ct)));
        routes.MapGet("/api/schemas", (CancellationToken ct) => Guarded(() => SchemasAsync(ct)));
        routes.MapGet("/api/documents/{id}", (string id, HttpContext context, CancellationToken ct) => Guarded(() => DocumentAsync(id, context.Response, ct)));
        routes.MapGet("/api/documents/{id}/pages/{page:int}/image", (string id, int page, CancellationToken ct) => Guarded(() => PageImageAsync(id, page, ct)));
        routes.MapPost("/api/documents/{id}/fields/{field}", (string id, string field, HttpContext context, CancellationToken ct) => Guarded(() => ReviewFieldAsync(id, field, context, ct)));
        routes.MapPost("/api/documents/{id}/fields/{field}/preview", (string id, string field, HttpContext context, CancellationToken ct) => Guarded(() => PreviewAsync(id, field, context, ct)));
        routes.MapGet("/api/documents/{id}/history", (string id, CancellationToken ct) => Guarded(() => HistoryAsync(id, ct)));
        routes.MapPost("/api/documents/{id}/approve", (string id, HttpContext context, CancellationToken ct) => Guarded(() => ApproveAsync(id, context, ct)));
        routes.MapPost("/api/documents/{id}/withdraw-approval", (string id, HttpContext context, CancellationToken ct) => Guarded(() => WithdrawAsync(id, context, ct)));
    }

    private async Task<IResult> QueueAsync(IQueryCollection query, CancellationToken ct)
    {
        var request = new ReviewQueueQuery
        {
            View = ParseView(query["view"]),
            Schema = string.IsNullOrWhiteSpace(query["schema"]) ? null : query["schema"].ToString(),
            Search = string.IsNullOrWhiteSpace(query["q"]) ? null : query["q"].ToString(),
            Limit = ParseLimit(query["limit"]),
            Continuation = string.IsNullOrEmpty(query["continuation"]) ? null : query["continuation"].ToString(),
        };
        if (request.Continuation is { Length: > ReviewQueueQuery.MaxContinuationLength })
        {
            throw new ReviewRequestException(StatusCodes.Status400BadRequest, ReviewServerErrorCodes.QueryInvalid, $"A continuation token has at most {ReviewQueueQuery.MaxContinuationLength} characters.");
        }
        if (request.Search is { Length: > ReviewQueueQuery.MaxSearchLength })
        {
            throw new ReviewRequestException(StatusCodes.Status400BadRequest, ReviewServerErrorCodes.QueryInvalid, $"A search has at most {ReviewQueueQuery.MaxSearchLength} characters.");
        }

        try
        {
            return Json(await _service.GetQueueAsync(request, ct).ConfigureAwait(false));
        }
        catch (ArgumentException e) when (e.ParamName == "continuation")
        {
            throw new ReviewRequestException(
                StatusCodes.Status400BadRequest,
                ReviewServerErrorCodes.QueryInvalid,
                "The continuation token is not one this queue handed out (it may be from another server or an older version); start again from the first page: leave continuation out.");
        }
    }

    private async Task<IResult> SchemasAsync(CancellationToken ct) => Json(await _service.ListSchemaNamesAsync(ct).ConfigureAwait(false));

    private async Task<IResult> HistoryAsync(string id, CancellationToken ct)
    {
        var document = await FindAsync(id, ct).ConfigureAwait(false);
        return Json(await _service.GetHistoryAsync(document.DocumentId, ct).ConfigureAwait(false));
    }

    private async Task<IResult> PreviewAsync(string id, string field, HttpContext context, CancellationToken ct)
    {
        var body = Parse<JsonNode>(await ReadBodyAsync(context.Request, ct).ConfigureAwait(false)) as JsonObject
            ?? throw BodyInvalid("Send the value to check as {\"value\": …}.");
        var value = await _service.PreviewValueAsync(RequirePlainId(id), field, body["value"], ct).ConfigureAwait(false);
        return Json(value);
    }

    private async Task<IResult> DocumentAsync(string id, HttpResponse response, CancellationToken ct)
    {
        var document = await FindAsync(id, ct).ConfigureAwait(false);
        var interrupted = ReviewQueueItem.IsInterrupted(document, DateTime.UtcNow);
        var pages = (await results.GetPagesAsync(document.DocumentId, ct).ConfigureAwait(false))
            .OrderBy(p => p.Page)
            .Select(p => new ReviewPage(p.Page, p.Width, p.Height, p.ImageName is null ? null : $"api/documents/{Uri.EscapeDataString(document.DocumentId)}/pages/{p.Page}/image"))
            .ToList();
        var etag = DocumentReviewService.ETagOf(document);
        response.Headers.ETag = ReviewETag.ToHeader(etag);
        var fieldTypes = await FieldTypesAsync(document, ct).ConfigureAwait(false);
        return Json(new { document, pages, etag, interrupted, fieldTypes });
    }

    private async Task<Dictionary<string, object>> FieldTypesAsync(DocumentRecord document, CancellationToken ct)
    {
        var types = new Dictionary<string, object>(StringComparer.Ordinal);
        if (document.Fields.Count == 0)
        {
            return types;
        }

        try
        {
            var schema = await _service.GetSchemaAsync(document, ct).ConfigureAwait(false);
            foreach (var field in schema.Fields)
            {
                types[field.Name] = new
                {
                    type = WireName(field.Type),
                    values = field.Values,
                    columns = field.Columns?.Select(c => new { name = c.Name, type = WireName(c.Type) }),
                    format = ReviewValueReader.ExpectedFormat(field),
                };
            }
        }
        catch (ReviewException e) when (e.Code == ReviewErrorCodes.SchemaMissing)
        {
        }

        return types;
    }

    private async Task<IResult> PageImageAsync(string id, int page, CancellationToken ct)
    {
        var pages = IsPlainId(id) ? await results.GetPagesAsync(id, ct).ConfigureAwait(false) : [];
        if (pages.FirstOrDefault(p => p.Page == page) is not { ImageName: { } imageName })
        {
            throw new ReviewRequestException(StatusCodes.Status404NotFound, ReviewServerErrorCodes.PageNotFound, $"Document '{id}' has no image of page {page}.");
        }

        try
        {
            return Results.Stream(await images.OpenPageImageAsync(imageName, ct).ConfigureAwait(false), "image/png");
        }
        catch (Exception e) when (e is DocPipelineException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ReviewRequestException(StatusCodes.Status404NotFound, ReviewServerErrorCodes.PageNotFound, $"The image of page {page} of document '{id}' is missing from the page store.");
        }
    }

    private async Task<IResult> ReviewFieldAsync(string id, string field, HttpContext context, CancellationToken ct)
    {
        var (reviewer, etag) = await AuthorizeWriteAsync(context, ct).ConfigureAwait(false);
        var body = Parse<FieldReviewBody>(await ReadBodyAsync(context.Request, ct).ConfigureAwait(false))
            ?? throw BodyInvalid("The body is null; send {\"action\": \"accepted\"}.");
        var request = new FieldReviewRequest { Action = body.Action ?? "", Value = body.Value, Alternative = body.Alternative, ETag = etag };
        var updated = await _service.ReviewFieldAsync(RequirePlainId(id), field, request, reviewer, ct).ConfigureAwait(false);
        return Saved(updated, context.Response);
    }

    private async Task<IResult> ApproveAsync(string id, HttpContext context, CancellationToken ct)
    {
        var (reviewer, etag) = await AuthorizeWriteAsync(context, ct).ConfigureAwait(false);
        if (Parse<JsonNode>(await ReadBodyAsync(context.Request, ct).ConfigureAwait(false)) is not JsonObject body)
        {
            throw BodyInvalid("Send an approval as the JSON object {} (or {\"acceptFlagged\": N} to accept N flagged fields unseen).");
        }

        int? acceptFlagged = body["acceptFlagged"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : null;
        var updated = await _service.ApproveAsync(RequirePlainId(id), reviewer, etag, acceptFlagged, ct).ConfigureAwait(false);
        return Saved(updated, context.Response);
    }

    private async Task<IResult> WithdrawAsync(string id, HttpContext context, CancellationToken ct)
    {
        var (reviewer, etag) = await AuthorizeWriteAsync(context, ct).ConfigureAwait(false);
        if (Parse<JsonNode>(await ReadBodyAsync(context.Request, ct).ConfigureAwait(false)) is not JsonObject)
        {
            throw BodyInvalid("Send a withdrawal as the JSON object {}.");
        }

        var updated = await _service.WithdrawApprovalAsync(RequirePlainId(id), reviewer, etag, ct).ConfigureAwait(false);
        return Saved(updated, context.Response);
    }

    private async Task<(string Reviewer, string ETag)> AuthorizeWriteAsync(HttpContext context, CancellationToken ct)
    {
        var request = context.Request;
        if (request.Headers[ReviewServerOptions.CsrfHeader] != "1")
        {
            throw new ReviewRequestException(StatusCodes.Status403Forbidden, ReviewServerErrorCodes.CsrfHeaderMissing, $"Writes need the header {ReviewServerOptions.CsrfHeader}: 1.");
        }

        var reviewer = await identity.GetReviewerAsync(context, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new ReviewRequestException(StatusCodes.Status401Unauthorized, ReviewErrorCodes.ReviewerMissing, "Sign in to save reviews.");
        }

        if (!request.HasJsonContentType())
        {
            throw new ReviewRequestException(StatusCodes.Status415UnsupportedMediaType, ReviewServerErrorCodes.BodyInvalid, "Send the body as application/json.");
        }

        var etag = ReviewETag.FromIfMatch(request.Headers.IfMatch.ToString());
        if (etag.Length == 0)
        {
            throw new ReviewRequestException(StatusCodes.Status428PreconditionRequired, ReviewServerErrorCodes.ETagMissing, "Writes need If-Match with the document's etag (from GET /api/documents/{id}).");
        }

        return (reviewer, etag);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > ReviewServerOptions.MaxBodyBytes)
        {
            throw BodyTooLarge();
        }

        using var body = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (body.Length + read > ReviewServerOptions.MaxBodyBytes)
            {
                throw BodyTooLarge();
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    private static T? Parse<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, ReviewRequestJson.Options);
        }
        catch (JsonException e)
        {
            throw BodyInvalid($"The body is not the expected JSON: {e.Message}");
        }
        catch (ArgumentException)
        {
            // A JSON object read with ReviewRequestJson.Options refuses a property given twice this way.
            throw BodyInvalid("The body gives a property more than once; send each property once.");
        }
    }

    private async Task<DocumentRecord> FindAsync(string id, CancellationToken ct) =>
        IsPlainId(id) && await _service.GetDocumentAsync(id, ct).ConfigureAwait(false) is { } document
            ? document
            : throw new ReviewException(ReviewErrorCodes.DocumentNotFound, $"There is no document '{id}'.");

    private static string RequirePlainId(string id) =>
        IsPlainId(id) ? id : throw new ReviewException(ReviewErrorCodes.DocumentNotFound, $"There is no document '{id}'.");

    private static async Task<IResult> Guarded(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (ReviewRequestException e)
        {
            return Error(e.Status, e.Code, e.Message);
        }
        catch (ReviewException e) when (e.Code == ReviewErrorCodes.Conflict)
        {
            return new ReviewErrorResult(StatusCodes.Status409Conflict, e.Code, new { code = e.Code, message = e.Message, currentETag = e.CurrentETag });
        }
        catch (ReviewException e) when (e.Code == ReviewErrorCodes.ConfirmationRequired)
        {
            return new ReviewErrorResult(ReviewErrorStatus.Of(e.Code), e.Code, new { code = e.Code, message = e.Message, flaggedFields = e.FlaggedFields });
        }
        catch (ReviewException e)
        {
            return Error(ReviewErrorStatus.Of(e.Code), e.Code, e.Message);
        }
        catch (DocumentLockedException e)
        {
            return new ReviewBusyResult(e);
        }
        catch (DocPipelineException e)
        {
            return Error(StatusCodes.Status500InternalServerError, e.Code, ReviewErrorText.WithoutPaths(e.Message));
        }
    }

    private static IResult Saved(DocumentRecord document, HttpResponse response)
    {
        var etag = DocumentReviewService.ETagOf(document);
        response.Headers.ETag = ReviewETag.ToHeader(etag);
        return Json(new { document, etag });
    }

    private static string? WireName(FieldType type) => JsonSerializer.SerializeToElement(type).GetString();

    private static ReviewQueueView ParseView(string? view) =>
        string.IsNullOrEmpty(view) ? ReviewQueueView.NeedsReview
            : Enum.GetValues<ReviewQueueView>().Where(v => string.Equals(v.ToString(), view, StringComparison.OrdinalIgnoreCase)).Cast<ReviewQueueView?>().FirstOrDefault()
              ?? throw new ReviewRequestException(StatusCodes.Status400BadRequest, ReviewServerErrorCodes.QueryInvalid, $"view must be needsReview, failed, reviewed or recent, not '{view}'.");

    private static int ParseLimit(string? limit) =>
        string.IsNullOrEmpty(limit) ? new ReviewQueueQuery().Limit
            : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= ReviewQueueQuery.MaxLimit ? value
            : throw new ReviewRequestException(StatusCodes.Status400BadRequest, ReviewServerErrorCodes.QueryInvalid, $"limit must be a whole number from 1 to {ReviewQueueQuery.MaxLimit}.");

    private static bool IsPlainId(string id) => id.Length is > 0 and <= 200 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static ReviewRequestException BodyInvalid(string message) => new(StatusCodes.Status400BadRequest, ReviewServerErrorCodes.BodyInvalid, message);

    private static ReviewRequestException BodyTooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ReviewServerErrorCodes.BodyTooLarge, $"A review write is at most {ReviewServerOptions.MaxBodyBytes} bytes.");

    private static IResult Json(object value) => Results.Json(value, ResultJson.Options);

    private static IResult Error(int status, string code, string message) => new ReviewErrorResult(status, code, new { code, message });
}
