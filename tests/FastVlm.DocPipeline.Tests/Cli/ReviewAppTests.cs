using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Review;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Imaging;
using FastVlm.DocPipeline.Storage.Files;
using Microsoft.Playwright;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// <c>docpipe review</c> in process over a file store: the JSON API's validation and error codes, its security headers,
/// and Debian's chromium (driven by Playwright) showing a hostile field value as text and saving a correction.
/// </summary>
public sealed class ReviewAppTests : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=\"window.__xss=1\">";
    private const string DocumentId = "doc-review-1";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "docpipe-review-" + Guid.NewGuid().ToString("N"));
    private ReviewServer _server = null!;
    private FileResultStore _store = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _store = new FileResultStore(_data);
        var images = new FilePageImageStore(Path.Combine(_data, "pages"));
        var pixels = Enumerable.Repeat((byte)255, 200 * 100 * 3).ToArray();
        var name = await images.SavePageImageAsync(DocumentId, 1, PngEncoder.Encode(new RgbImage(200, 100, pixels)));
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await _store.UpdateDocumentAsync(DocumentId, _ => new DocumentRecord
        {
            Id = DocumentId,
            DocumentId = DocumentId,
            RunId = "r1",
            Source = new SourceInfo(null, "hostile.pdf", null, "abc", 3),
            Schema = new SchemaRef("invoice", "1"),
            Status = DocumentStatus.Completed,
            NeedsReview = true,
            CreatedAt = now,
            UpdatedAt = now,
            Fields = new Dictionary<string, FieldResult>
            {
                ["vendorName"] = new() { Found = true, Raw = Hostile, Value = JsonValue.Create(Hostile), Page = 1, Confidence = 0.4, NeedsReview = true, Issue = "not_on_page", Grounding = "not_on_page" },
                ["total"] = new()
                {
                    Found = true, Raw = "12.00 EUR", Value = JsonValue.Create(12.00m), Page = 1, Confidence = 0.9, Grounding = "grounded",
                    Location = new FieldLocation { Page = 1, Boxes = [new PixelBox(100, 50, 150, 60)], Match = "normalized", Score = 0.9 },
                },
            },
        });
        await _store.UpsertPageAsync(new PageRecord
        {
            Id = PageRecord.MakeId(DocumentId, 1), DocumentId = DocumentId, RunId = "r1", Page = 1, ImageName = name, Width = 200, Height = 100,
            Status = PageStatuses.Done, UpdatedAt = now,
        });
        _server = await ReviewServer.StartAsync(new ReviewServerOptions { DataDirectory = _data, Port = 0, Reviewer = "tester" }, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Address };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? body, bool withHeader = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (withHeader)
        {
            request.Headers.Add(ReviewServerOptions.CsrfHeader, "1");
        }

        return _http.SendAsync(request);
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())?["code"]?.GetValue<string>();

    [Fact]
    public async Task The_page_is_served_with_a_strict_content_security_policy_on_loopback()
    {
        _server.Address.Host.Should().Be("127.0.0.1");
        var response = await _http.GetAsync("/");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("script-src 'self'").And.NotContain("unsafe");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("<script>", "no inline script");
    }

    [Fact]
    public async Task Corrections_are_validated_with_stable_error_codes()
    {
        var field = $"/api/documents/{DocumentId}/fields/total/correction";
        var noHeader = await PostAsync(field, "{\"value\":\"13.00\"}", withHeader: false);
        noHeader.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CodeOf(noHeader)).Should().Be("review.csrf_header_missing");

        (await CodeOf(await PostAsync(field, "{not json"))).Should().Be("review.body_invalid");
        (await CodeOf(await PostAsync(field, "{\"other\":1}"))).Should().Be("review.body_invalid");
        (await CodeOf(await PostAsync(field, "{\"value\":\"a\\u0000b\"}"))).Should().Be("review.value_invalid");
        (await CodeOf(await PostAsync(field, $"{{\"value\":\"{new string('x', 4001)}\"}}"))).Should().Be("review.value_invalid");
        var unknownField = await PostAsync($"/api/documents/{DocumentId}/fields/nope/correction", "{\"value\":\"x\"}");
        unknownField.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CodeOf(unknownField)).Should().Be("review.field_not_found");
        (await CodeOf(await PostAsync("/api/documents/missing/fields/total/correction", "{\"value\":\"x\"}"))).Should().Be("review.document_not_found");
        (await CodeOf(await _http.GetAsync($"/api/documents/{DocumentId}/pages/9/image"))).Should().Be("review.page_not_found");

        var saved = await PostAsync(field, "{\"value\":\"13.00\"}");
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var stored = (await _store.GetDocumentAsync(DocumentId))!.Fields["total"];
        stored.Correction!.Value!.GetValue<string>().Should().Be("13.00");
        stored.Correction.Reviewer.Should().Be("tester");
        stored.Value!.GetValue<decimal>().Should().Be(12.00m, "the model's answer is kept");
        stored.Raw.Should().Be("12.00 EUR");
    }

    [Fact]
    public async Task In_a_real_browser_a_hostile_value_stays_text_a_box_is_selected_and_a_correction_is_saved()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(_server.Address.ToString());
        await page.ClickAsync($"#queue button[data-id='{DocumentId}']");
        var vendor = page.Locator(".field[data-field='vendorName']");
        await vendor.WaitForAsync();

        (await vendor.Locator(".value").TextContentAsync()).Should().Be(Hostile);
        (await vendor.Locator("input").InputValueAsync()).Should().Be(Hostile);
        (await page.Locator("#fields img").CountAsync()).Should().Be(0, "the value was not parsed as HTML");
        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        (await page.Locator(".page img").CountAsync()).Should().Be(1);

        await page.ClickAsync(".field[data-field='total'] .name");
        var box = page.Locator(".box[data-field='total']");
        (await box.GetAttributeAsync("class")).Should().Contain("selected");
        var imageBox = (await page.Locator(".page img").BoundingBoxAsync())!;
        var drawn = (await box.BoundingBoxAsync())!;
        ((double)(drawn.X - imageBox.X) / imageBox.Width).Should().BeApproximately(0.5, 0.02, "the box sits at x = 100 of 200 px");
        ((double)(drawn.Y - imageBox.Y) / imageBox.Height).Should().BeApproximately(0.5, 0.03, "and y = 50 of 100 px");

        await page.FillAsync(".field[data-field='total'] input", "12.50");
        await page.ClickAsync(".field[data-field='total'] button.save");
        await page.Locator(".field[data-field='total'] .state", new PageLocatorOptions { HasText = "corrected" }).WaitForAsync();

        (await _store.GetDocumentAsync(DocumentId))!.Fields["total"].Correction!.Value!.GetValue<string>().Should().Be("12.50");
        errors.Should().BeEmpty();
    }
}
