using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// The review web app over the file store: a page with the document's page images and its fields with their boxes,
/// and a JSON API that saves corrections beside the model's answers. Listens on 127.0.0.1 only. Writes need the
/// <see cref="ReviewServerOptions.CsrfHeader"/> header and a JSON body (a cross-site form cannot send either).
/// </summary>
internal sealed class ReviewServer : IAsyncDisposable
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly WebApplication _app;

    private ReviewServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<ReviewServer> StartAsync(ReviewServerOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var results = new FileResultStore(options.DataDirectory);
        var images = new FilePageImageStore(Path.Combine(options.DataDirectory, "pages"));

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            await next(context).ConfigureAwait(false);
        });

        foreach (var (path, resource, contentType) in ReviewAssets.Files)
        {
            var bytes = ReviewAssets.Read(resource);
            app.MapGet(path, () => Results.Bytes(bytes, contentType));
        }

        app.MapGet("/api/documents", async (CancellationToken ct) =>
        {
            var list = new List<object>();
            await foreach (var d in results.ListDocumentsAsync(null, ct).ConfigureAwait(false))
            {
                list.Add(new { d.DocumentId, source = Path.GetFileName(d.Source.Name), status = d.Status, d.NeedsReview, d.UpdatedAt });
            }

            return Json(list);
        });

        app.MapGet("/api/documents/{id}", async (string id, CancellationToken ct) =>
        {
            if (!IsPlainId(id) || await results.GetDocumentAsync(id, ct).ConfigureAwait(false) is not { } document)
            {
                return Error(404, ReviewErrorCodes.DocumentNotFound, $"There is no document '{id}'.");
            }

            var pages = (await results.GetPagesAsync(id, ct).ConfigureAwait(false))
                .OrderBy(p => p.Page)
                .Select(p => new { p.Page, p.Width, p.Height, image = $"/api/documents/{id}/pages/{p.Page}/image" });
            return Json(new { document, pages });
        });

        app.MapGet("/api/documents/{id}/pages/{page:int}/image", async (string id, int page, CancellationToken ct) =>
        {
            var pages = IsPlainId(id) ? await results.GetPagesAsync(id, ct).ConfigureAwait(false) : [];
            if (pages.FirstOrDefault(p => p.Page == page) is not { ImageName: { } imageName })
            {
                return Error(404, ReviewErrorCodes.PageNotFound, $"Document '{id}' has no page {page}.");
            }

            try
            {
                return Results.Stream(await images.OpenPageImageAsync(imageName, ct).ConfigureAwait(false), "image/png");
            }
            catch (DocPipelineException e)
            {
                return Error(404, ReviewErrorCodes.PageNotFound, e.Message);
            }
        });

        app.MapPost("/api/documents/{id}/fields/{field}/correction", async (string id, string field, HttpRequest request, CancellationToken ct) =>
        {
            if (request.Headers[ReviewServerOptions.CsrfHeader] != "1")
            {
                return Error(403, ReviewErrorCodes.CsrfHeaderMissing, $"Writes need the header {ReviewServerOptions.CsrfHeader}: 1.");
            }

            if (!request.HasJsonContentType())
            {
                return Error(400, ReviewErrorCodes.BodyInvalid, "Send the correction as application/json: {\"value\": \"...\"}.");
            }

            CorrectionRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<CorrectionRequest>(JsonOptions, ct).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                return Error(400, ReviewErrorCodes.BodyInvalid, $"The body is not valid JSON: {e.Message}");
            }

            if (body?.Value is not { } value)
            {
                return Error(400, ReviewErrorCodes.BodyInvalid, "The body needs a string \"value\".");
            }

            if (value.Length > ReviewServerOptions.MaxValueLength || value.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                return Error(400, ReviewErrorCodes.ValueInvalid, $"A value has at most {ReviewServerOptions.MaxValueLength} characters and no control characters.");
            }

            if (!IsPlainId(id) || await results.GetDocumentAsync(id, ct).ConfigureAwait(false) is not { } existing)
            {
                return Error(404, ReviewErrorCodes.DocumentNotFound, $"There is no document '{id}'.");
            }

            if (!existing.Fields.ContainsKey(field))
            {
                return Error(404, ReviewErrorCodes.FieldNotFound, $"Document '{id}' has no field '{field}'.");
            }

            var correction = new FieldCorrection { Value = JsonValue.Create(value), Reviewer = options.Reviewer, At = DateTime.UtcNow };
            var updated = await results.UpdateDocumentAsync(
                id,
                current =>
                {
                    var document = current ?? existing;
                    var fields = new Dictionary<string, FieldResult>(document.Fields, StringComparer.Ordinal);
                    fields[field] = fields[field] with { Correction = correction };
                    return document with { Fields = fields };
                },
                ct).ConfigureAwait(false);
            return Json(updated.Fields[field]);
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var server = new ReviewServer(app);
        var address = app.Urls.First();
        server.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static JsonSerializerOptions JsonOptions => ResultJson.Options;

    private static IResult Json(object value) => Results.Json(value, JsonOptions);

    private static IResult Error(int status, string code, string message) => Results.Json(new { code, message }, JsonOptions, statusCode: status);

    private static bool IsPlainId(string id) => id.Length is > 0 and <= 200 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
