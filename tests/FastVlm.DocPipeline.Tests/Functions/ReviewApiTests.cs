using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Functions.Http;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Workflow.Review;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// The review functions in process: real ASP.NET Core requests with the platform's principal headers, the review
/// service over the Cosmos test server, every status the endpoints answer, and what the store holds afterwards.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class ReviewApiTests(LocalServicesFixture services) : IAsyncLifetime
{
    private const string Role = "Reviewer";

    private static readonly string Ana = ClientPrincipalParserTests.Encode(
        """{"auth_typ":"aad","claims":[{"typ":"roles","val":"Reviewer"},{"typ":"preferred_username","val":"ana@contoso.com"}]}""");

    private static readonly string Reader = ClientPrincipalParserTests.Encode(
        """{"auth_typ":"aad","claims":[{"typ":"roles","val":"Viewer"},{"typ":"preferred_username","val":"rui@contoso.com"}]}""");

    private CosmosResultStore _store = null!;
    private ReviewApi _api = null!;

    public Task InitializeAsync()
    {
        _store = new CosmosResultStore(services.CosmosOptions());
        _api = new ReviewApi(new DocumentReviewService(_store), new ReviewAccessPolicy { TrustPlatformPrincipal = true, SaveRole = Role });
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_queue_lists_by_view_schema_and_search_and_refuses_a_bad_query()
    {
        var doubtful = await StoreAsync(ReviewDocuments.Invoice(vendor: "Fabrikam"));
        var clean = await StoreAsync(ReviewDocuments.Invoice(vendor: "Northwind", doubtfulTotal: false));

        var needsReview = Read(await _api.GetQueueAsync(Get("/api/review")));
        var recent = Read(await _api.GetQueueAsync(Get("/api/review", "?view=recent&q=northwind&schema=invoice&limit=5")));

        needsReview.Status.Should().Be(200);
        Ids(needsReview.Body).Should().Contain(doubtful.DocumentId).And.NotContain(clean.DocumentId);
        var item = needsReview.Body["documents"]!.AsArray().Single(d => (string?)d!["documentId"] == doubtful.DocumentId)!;
        ((string?)item["eTag"]).Should().Be("run1.0");
        ((string?)item["status"]).Should().Be("completed");
        Ids(recent.Body).Should().Equal(clean.DocumentId);
        foreach (var bad in new[] { "?view=everything", "?limit=0", "?limit=501", "?limit=ten", "?view=failed&view=recent", "?q=" + new string('x', 201) })
        {
            ShouldBeError(Read(await _api.GetQueueAsync(Get("/api/review", bad))), 400, FunctionsErrorCodes.ReviewQueryInvalid);
        }
    }

    [Fact]
    public async Task An_edit_by_a_reviewer_is_saved_under_their_name_and_answers_the_new_etag()
    {
        var document = await StoreAsync(ReviewDocuments.Invoice());
        var request = Post("{\"action\": \"edited\", \"value\": \"1190.00\"}", etag: "\"run1.0\"", principal: Ana);

        var response = Read(await _api.ReviewFieldAsync(request, document.DocumentId, "total"));

        response.Status.Should().Be(200);
        ((string?)response.Body["eTag"]).Should().Be("run1.1");
        request.HttpContext.Response.Headers.ETag.ToString().Should().Be("\"run1.1\"");
        var total = (await _store.GetDocumentAsync(document.DocumentId))!.Fields["total"];
        total.Correction!.Value!.GetValue<string>().Should().Be("1190.00");
        total.Correction.Reviewer.Should().Be("ana@contoso.com", "the reviewer is the signed-in principal");
        total.Value!.GetValue<decimal>().Should().Be(1100m, "the model's answer stays beside the correction");
    }

    [Fact]
    public async Task A_save_from_a_stale_etag_is_a_409_with_the_current_etag_and_changes_nothing()
    {
        var document = await StoreAsync(ReviewDocuments.Invoice());
        Read(await _api.ReviewFieldAsync(Post("{\"action\": \"accepted\"}", "run1.0", Ana), document.DocumentId, "vendor")).Status.Should().Be(200);

        var response = Read(await _api.ReviewFieldAsync(Post("{\"action\": \"edited\", \"value\": \"9\"}", "run1.0", Ana), document.DocumentId, "total"));

        ShouldBeError(response, 409, ReviewErrorCodes.Conflict);
        ((string?)response.Body["currentETag"]).Should().Be("run1.1");
        (await _store.GetDocumentAsync(document.DocumentId))!.Fields["total"].Correction.Should().BeNull();
    }

    [Fact]
    public async Task Approve_accepts_the_remaining_fields_and_marks_the_document_reviewed()
    {
        var document = await StoreAsync(ReviewDocuments.Invoice());

        ShouldBeError(Read(await _api.ApproveAsync(Post("", "W/\"run1.0\"", Ana), document.DocumentId)), 400, ReviewErrorCodes.ETagWeak);
        var response = Read(await _api.ApproveAsync(Post("", "\"run1.0\"", Ana), document.DocumentId));

        response.Status.Should().Be(200);
        ((string?)response.Body["document"]!["status"]).Should().Be("reviewed");
        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        stored.Status.Should().Be(DocumentStatus.Reviewed);
        stored.Review!.ApprovedBy.Should().Be("ana@contoso.com");
        stored.Fields.Values.Should().OnlyContain(f => f.Reviewed && f.Correction!.Reviewer == "ana@contoso.com");
        Ids(Read(await _api.GetQueueAsync(Get("/api/review", "?view=reviewed"))).Body).Should().Contain(document.DocumentId);
    }

    [Fact]
    public async Task Without_a_principal_a_save_is_a_401_and_without_the_role_a_403_and_nothing_is_stored()
    {
        var document = await StoreAsync(ReviewDocuments.Invoice());
        const string body = "{\"action\": \"accepted\"}";

        ShouldBeError(Read(await _api.ReviewFieldAsync(Post(body, "run1.0", principal: null), document.DocumentId, "total")), 401, ReviewErrorCodes.Unauthenticated);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post(body, "run1.0", principal: "%%%"), document.DocumentId, "total")), 401, ReviewErrorCodes.Unauthenticated);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post(body, "run1.0", ClientPrincipalParserTests.Encode("{\"claims\": 1}")), document.DocumentId, "total")), 401, ReviewErrorCodes.Unauthenticated);
        ShouldBeError(Read(await _api.ApproveAsync(Post("", "run1.0", new string('A', ClientPrincipalParser.MaxEncodedLength + 4)), document.DocumentId)), 401, ReviewErrorCodes.Unauthenticated);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post(body, "run1.0", Reader), document.DocumentId, "total")), 403, ReviewErrorCodes.Forbidden);
        ShouldBeError(Read(await _api.ApproveAsync(Post("", "run1.0", Reader), document.DocumentId)), 403, ReviewErrorCodes.Forbidden);
        var untrusting = new ReviewApi(new DocumentReviewService(_store), new ReviewAccessPolicy { SaveRole = Role });
        ShouldBeError(Read(await untrusting.ApproveAsync(Post("", "run1.0", Ana), document.DocumentId)), 401, ReviewErrorCodes.Unauthenticated);

        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        stored.Review.Should().BeNull();
        stored.Fields.Values.Should().OnlyContain(f => !f.Reviewed);
    }

    [Fact]
    public async Task Bad_writes_get_stable_codes()
    {
        var document = await StoreAsync(ReviewDocuments.Invoice());
        var running = await StoreAsync(ReviewDocuments.Invoice() with { Status = DocumentStatus.Extracting });
        var id = document.DocumentId;

        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"accepted\"}", etag: null, Ana), id, "total")), 428, FunctionsErrorCodes.ReviewETagMissing);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": ", "run1.0", Ana), id, "total")), 400, FunctionsErrorCodes.InvalidJson);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("null", "run1.0", Ana), id, "total")), 400, FunctionsErrorCodes.InvalidJson);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post($"{{\"action\": \"edited\", \"value\": \"{new string('x', ReviewApi.MaxBodyBytes)}\"}}", "run1.0", Ana), id, "total")), 413, FunctionsErrorCodes.BodyTooLarge);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"deleted\"}", "run1.0", Ana), id, "total")), 400, ReviewErrorCodes.ActionInvalid);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"edited\", \"value\": {\"a\": 1}}", "run1.0", Ana), id, "total")), 400, ReviewErrorCodes.ValueInvalid);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"alternative\", \"alternative\": 5}", "run1.0", Ana), id, "total")), 422, ReviewErrorCodes.AlternativeNotFound);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"accepted\"}", "run1.0", Ana), id, "iban")), 404, ReviewErrorCodes.FieldNotFound);
        ShouldBeError(Read(await _api.ReviewFieldAsync(Post("{\"action\": \"accepted\"}", "run1.0", Ana), "no-such-document", "total")), 404, ReviewErrorCodes.DocumentNotFound);
        ShouldBeError(Read(await _api.ApproveAsync(Post("", "run1.0", Ana), running.DocumentId)), 409, ReviewErrorCodes.NotReviewable);

        (await _store.GetDocumentAsync(id))!.Review.Should().BeNull();
    }

    private async Task<DocumentRecord> StoreAsync(DocumentRecord document) =>
        await _store.UpdateDocumentAsync(document.DocumentId, _ => document);

    private static HttpRequest Get(string path, string query = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        return context.Request;
    }

    private static HttpRequest Post(string body, string? etag, string? principal)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        if (etag is not null)
        {
            context.Request.Headers.IfMatch = etag;
        }

        if (principal is not null)
        {
            context.Request.Headers[ClientPrincipalParser.PrincipalHeader] = principal;
        }

        return context.Request;
    }

    private static (int Status, JsonNode Body) Read(IActionResult result)
    {
        var json = result.Should().BeOfType<JsonResult>().Subject;
        return (json.StatusCode!.Value, JsonNode.Parse(JsonSerializer.Serialize(json.Value, json.Value!.GetType(), PipelineJson.Options))!);
    }

    private static void ShouldBeError((int Status, JsonNode Body) response, int status, string code)
    {
        response.Status.Should().Be(status);
        ((string?)response.Body["error"]!["code"]).Should().Be(code);
        ((string?)response.Body["error"]!["message"]).Should().NotBeNullOrWhiteSpace();
    }

    private static List<string> Ids(JsonNode queue) => queue["documents"]!.AsArray().Select(d => (string)d!["documentId"]!).ToList();
}
