using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.AspNetCore.Http;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>The review app's HTTP API in process over a file store: every endpoint, its refusals and their stable codes.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private const string InvoicePath = $"/api/documents/{ReviewTestData.InvoiceId}";
    private const string InitialETag = $"{ReviewTestData.RunId}.0";

    private RunningReviewServer _app = null!;

    private HttpClient Http => _app.Http;

    public async Task InitializeAsync() => _app = await RunningReviewServer.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_page_and_its_assets_are_served_with_a_strict_content_security_policy_on_loopback()
    {
        _app.Server.Address.Host.Should().Be("127.0.0.1");
        var page = await Http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.NotContain("unsafe");
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        var html = await page.Content.ReadAsStringAsync();
        html.Should().Contain("<script src=\"app.js\" defer></script>").And.NotContain("<script>", "no inline script").And.NotContain("http", "nothing from another origin");
        (await Http.GetAsync("/app.js")).Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await Http.GetStringAsync("/app.js")).Should().NotContain(".innerHTML").And.NotContain(".outerHTML").And.NotContain("insertAdjacentHTML").And.NotContain("document.write").And.NotContain("eval(");
        (await Http.GetAsync("/app.css")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_queue_has_views_a_schema_filter_and_a_search_over_field_values()
    {
        (await QueueIds("")).Should().Equal(ReviewTestData.InvoiceId, ReviewTestData.HostileId);
        (await QueueIds("?view=failed")).Should().Equal(ReviewTestData.FailedId);
        (await QueueIds("?view=recent")).Should().Equal(ReviewTestData.InvoiceId, ReviewTestData.HostileId, ReviewTestData.FailedId);
        (await QueueIds("?view=reviewed")).Should().BeEmpty();
        (await QueueIds("?view=recent&schema=receipt")).Should().Equal(ReviewTestData.FailedId);
        (await QueueIds("?q=globex")).Should().Equal(ReviewTestData.InvoiceId);
        (await QueueIds("?q=INV-2047")).Should().Equal(ReviewTestData.InvoiceId);
        (await QueueIds("?view=recent&limit=1")).Should().Equal(ReviewTestData.InvoiceId);

        var item = (await Http.GetFromJsonAsync<JsonObject>("/api/queue"))!["documents"]![0]!;
        item["fieldsToReview"]!.GetValue<int>().Should().Be(2);
        item["etag"]!.GetValue<string>().Should().Be(InitialETag);
        (await Http.GetFromJsonAsync<string[]>("/api/schemas")).Should().Equal("invoice", "receipt");

        foreach (var bad in new[] { "?view=all", "?view=1", "?limit=0", "?limit=501", "?limit=ten", "?q=" + new string('x', 201) })
        {
            var refused = await Http.GetAsync("/api/queue" + bad);
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
            (await CodeOf(refused)).Should().Be("review.query_invalid", bad);
        }
    }

    [Fact]
    public async Task A_document_comes_with_its_pages_and_its_etag_also_as_the_ETag_header()
    {
        var response = await Http.GetAsync(InvoicePath);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.Should().Be($"\"{InitialETag}\"");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        body["etag"]!.GetValue<string>().Should().Be(InitialETag);
        body["document"]!["fields"]!["invoiceNumber"]!["alternatives"]!.AsArray().Should().HaveCount(2);
        body["pages"]!.AsArray().Select(p => p!["page"]!.GetValue<int>()).Should().Equal(1, 2);
        var page = body["pages"]![0]!;
        page["width"]!.GetValue<int>().Should().Be(ReviewTestData.PageWidth);
        page["height"]!.GetValue<int>().Should().Be(ReviewTestData.PageHeight);
        var image = await Http.GetAsync("/" + page["image"]!.GetValue<string>());
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        (await image.Content.ReadAsByteArrayAsync()).Should().Equal(await File.ReadAllBytesAsync(ReviewTestData.InvoicePagePng));

        await ExpectAsync(await Http.GetAsync("/api/documents/missing"), HttpStatusCode.NotFound, "review.document_not_found");
        await ExpectAsync(await Http.GetAsync("/api/documents/..%2Fetc"), HttpStatusCode.NotFound, "review.document_not_found");
        await ExpectAsync(await Http.GetAsync($"{InvoicePath}/pages/9/image"), HttpStatusCode.NotFound, "review.page_not_found");
        await ExpectAsync(await Http.GetAsync($"/api/documents/{ReviewTestData.HostileId}/pages/1/image"), HttpStatusCode.NotFound, "review.page_not_found");
    }

    [Fact]
    public async Task An_edit_is_saved_beside_the_models_answer_and_changes_the_etag()
    {
        var saved = await PostAsync($"{InvoicePath}/fields/total", "{\"action\":\"edited\",\"value\":1284.50}", InitialETag);
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var newETag = $"{ReviewTestData.RunId}.1";
        saved.Headers.ETag!.Tag.Should().Be($"\"{newETag}\"");
        (await saved.Content.ReadFromJsonAsync<JsonObject>())!["etag"]!.GetValue<string>().Should().Be(newETag);

        var total = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"];
        total.Reviewed.Should().BeTrue();
        total.Review!.Action.Should().Be("edited");
        total.Value!.GetValue<decimal>().Should().Be(1284.50m, "the value in force is the reviewer's");
        total.Review.Reviewer.Should().Be(RunningReviewServer.Reviewer);
        total.Model!.Value!.GetValue<decimal>().Should().Be(1234.50m, "the model's answer is kept");
        total.Model.Raw.Should().Be("1,234.50 EUR");

        var alternative = await PostAsync($"{InvoicePath}/fields/invoiceNumber", "{\"action\":\"alternative\",\"alternative\":0}", newETag);
        alternative.StatusCode.Should().Be(HttpStatusCode.OK);
        var number = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["invoiceNumber"];
        number.Value!.GetValue<string>().Should().Be("INV-2041");
        number.Model!.Value!.GetValue<string>().Should().Be("INV-2047");
    }

    [Fact]
    public async Task A_save_from_a_stale_etag_is_a_conflict_with_the_current_etag_and_changes_nothing()
    {
        (await PostAsync($"{InvoicePath}/fields/total", "{\"action\":\"accepted\"}", InitialETag)).StatusCode.Should().Be(HttpStatusCode.OK);
        var stale = await PostAsync($"{InvoicePath}/fields/total", "{\"action\":\"edited\",\"value\":\"99\"}", InitialETag);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var body = (await stale.Content.ReadFromJsonAsync<JsonObject>())!;
        body["code"]!.GetValue<string>().Should().Be("review.conflict");
        body["currentETag"]!.GetValue<string>().Should().Be($"{ReviewTestData.RunId}.1");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"].Review!.Action.Should().Be("accepted");

        await ExpectAsync(await PostAsync($"{InvoicePath}/approve", "{}", InitialETag), HttpStatusCode.Conflict, "review.conflict");
    }

    [Fact]
    public async Task Approval_accepts_the_remaining_fields_and_makes_the_document_reviewed()
    {
        var unconfirmed = await PostAsync($"{InvoicePath}/approve", "{}", InitialETag);
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var refusal = (await unconfirmed.Content.ReadFromJsonAsync<JsonObject>())!;
        refusal["code"]!.GetValue<string>().Should().Be("review.confirmation_required");
        refusal["flaggedFields"]!.GetValue<int>().Should().Be(2);
        var approved = await PostAsync($"{InvoicePath}/approve", "{\"acceptFlagged\":2}", InitialETag);
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!;
        document.Status.Should().Be(DocumentStatus.Reviewed);
        document.Review!.ApprovedBy.Should().Be(RunningReviewServer.Reviewer);
        document.Fields.Values.Should().OnlyContain(f => f.Reviewed && f.Review!.Action == "accepted");
        (await QueueIds("?view=reviewed")).Should().Equal(ReviewTestData.InvoiceId);
        (await QueueIds("")).Should().Equal(ReviewTestData.HostileId);
    }

    [Fact]
    public async Task Writes_without_the_csrf_header_a_json_body_or_an_etag_are_refused()
    {
        var field = $"{InvoicePath}/fields/total";
        await ExpectAsync(await PostAsync(field, "{\"action\":\"accepted\"}", InitialETag, csrf: false), HttpStatusCode.Forbidden, "review.csrf_header_missing");
        await ExpectAsync(await PostAsync($"{InvoicePath}/approve", "{}", InitialETag, csrf: false), HttpStatusCode.Forbidden, "review.csrf_header_missing");
        await ExpectAsync(await PostAsync(field, "action=accepted", InitialETag, mediaType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "review.body_invalid");
        await ExpectAsync(await PostAsync(field, "{\"action\":\"accepted\"}", etag: null), (HttpStatusCode)StatusCodes.Status428PreconditionRequired, "review.etag_missing");
        await ExpectAsync(await PostAsync(field, new string(' ', ReviewServerOptions.MaxBodyBytes) + "{}", InitialETag), HttpStatusCode.RequestEntityTooLarge, "review.body_too_large");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Review.Should().BeNull("nothing was written");
    }

    [Theory]
    [InlineData("fields/total", "{not json", 400, "review.body_invalid")]
    [InlineData("fields/total", "null", 400, "review.body_invalid")]
    [InlineData("fields/total", "{\"action\":\"alternative\",\"alternative\":\"first\"}", 400, "review.body_invalid")]
    [InlineData("approve", "[]", 400, "review.body_invalid")]
    [InlineData("fields/total", "{}", 400, "review.action_invalid")]
    [InlineData("fields/total", "{\"action\":\"deleted\"}", 400, "review.action_invalid")]
    [InlineData("fields/total", "{\"action\":\"alternative\"}", 400, "review.action_invalid")]
    [InlineData("fields/invoiceNumber", "{\"action\":\"alternative\",\"alternative\":2}", 422, "review.alternative_not_found")]
    [InlineData("fields/total", "{\"action\":\"alternative\",\"alternative\":0}", 422, "review.alternative_not_found")]
    [InlineData("fields/total", "{\"action\":\"edited\",\"value\":\"a\\u0000b\"}", 422, "review.value_invalid")]
    [InlineData("fields/total", "{\"action\":\"edited\",\"value\":{\"html\":1}}", 422, "review.value_invalid")]
    [InlineData("fields/total", "{\"action\":\"edited\",\"value\":true}", 422, "review.value_invalid")]
    [InlineData("fields/total", "{\"action\":\"edited\",\"value\":1e400}", 422, "review.value_invalid")]
    [InlineData("fields/invoiceDate", "{\"action\":\"edited\",\"value\":\"sometime\"}", 422, "review.value_invalid")]
    [InlineData("fields/vendorName", "{\"action\":\"edited\",\"value\":\"ACME\\u202E\"}", 422, "review.value_invalid")]
    [InlineData("fields/nope", "{\"action\":\"accepted\"}", 404, "review.field_not_found")]
    public async Task Bad_review_writes_get_a_stable_code(string path, string body, int status, string code)
    {
        await ExpectAsync(await PostAsync($"{InvoicePath}/{path}", body, InitialETag), (HttpStatusCode)status, code);
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Review.Should().BeNull("nothing was written");
    }

    [Fact]
    public async Task A_value_too_long_a_missing_document_and_a_failed_document_are_refused()
    {
        await ExpectAsync(
            await PostAsync($"{InvoicePath}/fields/total", $"{{\"action\":\"edited\",\"value\":\"{new string('x', 4001)}\"}}", InitialETag), HttpStatusCode.UnprocessableEntity, "review.value_invalid");
        await ExpectAsync(await PostAsync("/api/documents/missing/fields/total", "{\"action\":\"accepted\"}", InitialETag), HttpStatusCode.NotFound, "review.document_not_found");
        await ExpectAsync(await PostAsync("/api/documents/missing/approve", "{}", InitialETag), HttpStatusCode.NotFound, "review.document_not_found");
        await ExpectAsync(await PostAsync($"/api/documents/{ReviewTestData.FailedId}/approve", "{}", InitialETag), HttpStatusCode.Conflict, "review.not_reviewable");
    }

    [Fact]
    public async Task A_write_without_a_signed_in_reviewer_is_refused()
    {
        await using var anonymous = await RunningReviewServer.StartAsync(new NobodySignedIn());
        var request = Post($"{InvoicePath}/approve", "{}", InitialETag, csrf: true, "application/json");
        request.Headers.Add(FastVlm.DocPipeline.Workflow.Review.ClientPrincipalParser.PrincipalHeader, FastVlm.DocPipeline.Tests.Workflow.Review.ClientPrincipalParserTests.Encode("""{"claims":[{"typ":"name","val":"rui"}]}"""));
        await ExpectAsync(await anonymous.Http.SendAsync(request), HttpStatusCode.Unauthorized, "review.reviewer_missing");
        (await anonymous.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Completed);
    }

    private async Task<string[]> QueueIds(string query) =>
        (await Http.GetFromJsonAsync<JsonObject>("/api/queue" + query))!["documents"]!.AsArray().Select(d => d!["documentId"]!.GetValue<string>()).ToArray();

    private Task<HttpResponseMessage> PostAsync(string path, string body, string? etag, bool csrf = true, string mediaType = "application/json") =>
        Http.SendAsync(Post(path, body, etag, csrf, mediaType));

    private static HttpRequestMessage Post(string path, string body, string? etag, bool csrf, string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (csrf)
        {
            request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
        }

        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.StartsWith("W/", StringComparison.Ordinal) ? etag : $"\"{etag}\"");
        }

        return request;
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["code"]?.GetValue<string>();

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        response.StatusCode.Should().Be(status, code);
        (await CodeOf(response)).Should().Be(code);
    }

    private sealed class NobodySignedIn : IReviewerIdentity
    {
        public bool Authenticates => true;

        public ValueTask<string?> GetReviewerAsync(HttpContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
    }
}
