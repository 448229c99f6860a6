using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FastVlm.DocPipeline.Tests.Cli.Review;

/// <summary>
/// A reviewer's session in Debian's chromium: the queue, a document with its page and value boxes, keyboard review
/// (select, pick an alternative, edit, approve), hostile model text staying text, and two reviewers saving at once.
/// Set <see cref="ScreenshotDirectoryVariable"/> to save the document view as <c>review.png</c> there.
/// </summary>
public sealed class ReviewBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    public const string ScreenshotDirectoryVariable = "DOCPIPE_SCREENSHOT_DIR";

    private const string ConflictMessage = "Someone else changed this document since you opened it";

    private RunningReviewServer _app = null!;

    public async Task InitializeAsync() => _app = await RunningReviewServer.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_reviewer_walks_the_queue_selects_picks_edits_and_approves_and_the_stores_have_it_all()
    {
        await using var tab = await OpenAsync();
        var page = tab.Page;
        var queue = page.Locator("#queue-list button");
        await Expect(queue).ToHaveCountAsync(2);
        await page.ClickAsync("#views button[data-view='failed']");
        await Expect(queue).ToHaveCountAsync(1);
        await Expect(queue).ToHaveAttributeAsync("data-id", ReviewTestData.FailedId);
        await page.ClickAsync("#views button[data-view='needsReview']");
        await Expect(queue).ToHaveCountAsync(2);
        await page.FillAsync("#search", "globex");
        await Expect(queue).ToHaveCountAsync(1);
        await Expect(queue).ToHaveAttributeAsync("data-id", ReviewTestData.InvoiceId);
        await queue.ClickAsync();

        await Expect(page.Locator(".field.selected")).ToHaveAttributeAsync("data-field", "invoiceNumber");
        await page.WaitForFunctionAsync("() => Array.from(document.querySelectorAll('.page img')).every(image => image.complete)");
        await Expect(page.Locator(".box.alternative.selected[data-field='invoiceNumber']")).ToBeVisibleAsync();
        await Expect(page.Locator(".box[data-field='paymentTerms']")).Not.ToBeInViewportAsync();
        await SaveScreenshotAsync(page);

        await page.Keyboard.PressAsync("k");
        await Expect(page.Locator(".field.selected")).ToHaveAttributeAsync("data-field", "vendorName");
        var vendorBox = page.Locator(".box.selected[data-field='vendorName']");
        await Expect(vendorBox).ToBeInViewportAsync();
        await ExpectBoxAtAsync(page, vendorBox, ReviewTestData.VendorBox);

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("1");
        await Expect(Field(page, "invoiceNumber").Locator(".state")).ToHaveTextAsync("alternative by tester");
        await Expect(Field(page, "invoiceNumber").Locator(".value")).ToHaveTextAsync("INV-2041");
        await Expect(Field(page, "invoiceNumber").Locator(".original")).ToHaveTextAsync("model: INV-2047");
        await Expect(page.Locator(".field.selected")).ToHaveAttributeAsync("data-field", "invoiceDate");

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await ExpectBoxAtAsync(page, page.Locator(".box.selected[data-field='total']"), ReviewTestData.TotalBox);
        await page.Keyboard.PressAsync("e");
        var input = Field(page, "total").Locator("input.edit");
        await Expect(input).ToBeFocusedAsync();
        await Expect(input).ToHaveValueAsync("1234.5");
        await input.FillAsync("1284.50");
        await input.PressAsync("Enter");
        await Expect(Field(page, "total").Locator(".state")).ToHaveTextAsync("edited by tester");
        await Expect(Field(page, "total").Locator(".value")).ToHaveTextAsync("1284.5");
        await Expect(page.Locator(".field.selected")).ToHaveAttributeAsync("data-field", "paymentTerms");
        var termsBox = page.Locator(".box.selected[data-field='paymentTerms']");
        await Expect(termsBox).ToBeInViewportAsync(new() { Ratio = 1 });
        await ExpectBoxAtAsync(page, termsBox, ReviewTestData.PaymentTermsBox, pageIndex: 1);

        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#help")).ToBeVisibleAsync();
        await Expect(page.Locator("#help")).ToContainTextAsync("approve the document");
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("#help")).ToBeHiddenAsync();

        await page.Keyboard.PressAsync("Shift+A");
        await Expect(page.Locator("#message")).ToHaveTextAsync(new Regex("^Approved"));
        await Expect(page.Locator("#document-head .meta")).ToContainTextAsync("reviewed · approved by tester");
        await Expect(queue).ToHaveCountAsync(0);

        var document = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!;
        document.Status.Should().Be(DocumentStatus.Reviewed);
        document.Review!.ApprovedBy.Should().Be(RunningReviewServer.Reviewer);
        document.Fields.Values.Should().OnlyContain(f => f.Reviewed);
        var number = document.Fields["invoiceNumber"];
        (number.Review!.Action, number.Value!.GetValue<string>()).Should().Be(("alternative", "INV-2041"));
        number.Model!.Value!.GetValue<string>().Should().Be("INV-2047", "the model's answer is kept");
        number.Alternatives.Should().HaveCount(2);
        var total = document.Fields["total"];
        (total.Review!.Action, total.Value!.GetValue<decimal>()).Should().Be(("edited", 1284.50m));
        (total.Model!.Value!.GetValue<decimal>(), total.Model.Raw).Should().Be((1234.50m, "1,234.50 EUR"));
        document.Fields["vendorName"].Review!.Action.Should().Be("accepted");

        var shown = await Docpipe.RunAsync("results", "show", ReviewTestData.InvoiceId, "--data", _app.DataDirectory, "--json");
        shown.Exit.Should().Be(0, shown.Err);
        var stored = JsonNode.Parse(shown.Out)!["document"]!;
        stored["status"]!.GetValue<string>().Should().Be("reviewed");
        stored["fields"]!["total"]!["value"]!.GetValue<decimal>().Should().Be(1284.50m);
        stored["fields"]!["total"]!["model"]!["value"]!.GetValue<decimal>().Should().Be(1234.50m);
        stored["fields"]!["total"]!["review"]!["reviewer"]!.GetValue<string>().Should().Be(RunningReviewServer.Reviewer);
        stored["fields"]!["invoiceNumber"]!["review"]!["action"]!.GetValue<string>().Should().Be("alternative");
        tab.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_typed_value_shows_its_normalised_form_before_saving_and_approval_with_flagged_fields_asks_first_and_can_be_withdrawn()
    {
        await using var tab = await OpenAsync();
        var page = tab.Page;
        await page.ClickAsync($"#queue-list button[data-id='{ReviewTestData.InvoiceId}']");
        await page.ClickAsync(".field[data-field='total'] .name");
        await page.Keyboard.PressAsync("e");
        var input = Field(page, "total").Locator("input.edit");
        await input.FillAsync("1.999,50 €");
        await Expect(Field(page, "total").Locator(".preview")).ToHaveTextAsync("will be saved as: 1999.5 EUR");
        await input.FillAsync("3-4");
        await Expect(Field(page, "total").Locator(".preview.refused")).ToContainTextAsync("one amount");
        await input.FillAsync("1.999,50 €");
        await input.PressAsync("Enter");
        await Expect(Field(page, "total").Locator(".value")).ToHaveTextAsync("1999.5");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"].Value!.GetValue<decimal>().Should().Be(1999.50m);

        await page.Keyboard.PressAsync("Shift+A");
        await Expect(page.Locator("#message")).ToContainTextAsync("1 flagged field(s) have not been reviewed");
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Completed, "nothing is approved without the confirmation");
        await page.Keyboard.PressAsync("Shift+A");
        await Expect(page.Locator("#message")).ToHaveTextAsync(new Regex("^Approved"));
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Status.Should().Be(DocumentStatus.Reviewed);

        await page.ClickAsync("#withdraw");
        await Expect(page.Locator("#message")).ToContainTextAsync("Approval withdrawn");
        var document = (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!;
        document.Status.Should().Be(DocumentStatus.Completed);
        document.Fields["total"].Value!.GetValue<decimal>().Should().Be(1999.50m, "withdrawing keeps the field decisions");
        (await _app.Store.GetReviewAsync(ReviewTestData.InvoiceId))!.Decisions.Select(d => d.Action).Should().EndWith(["approved", "approval_withdrawn"]);
        tab.Problems.Should().OnlyContain(problem => problem.Contains("status of 4", StringComparison.Ordinal), "only the refused preview and the unconfirmed approval answered with an error");
    }

    [Fact]
    public async Task A_table_is_corrected_in_a_grid_with_typed_cells_rows_added_and_deleted_and_its_rule_checked_again()
    {
        var schema = new ExtractionSchema
        {
            Name = "invoice-lines",
            Version = "1",
            Currency = "EUR",
            Fields =
            [
                new SchemaField { Name = "total", Question = "Total?", Type = FieldType.Currency },
                new SchemaField
                {
                    Name = "items", Question = "Items?", Type = FieldType.Table,
                    Columns = [new TableColumn { Name = "description" }, new TableColumn { Name = "amount", Type = FieldType.Currency }],
                },
            ],
            Rules = [new SchemaRule("sum(items.amount) == total within 0.01")],
        };
        var rows = new JsonArray(new JsonObject { ["description"] = "Bolts", ["amount"] = 600m }, new JsonObject { ["description"] = "Nuts", ["amount"] = 400m });
        var lines = new DocumentRecord
        {
            Id = "doc-lines", DocumentId = "doc-lines", RunId = "r1", FieldsRunId = "r1", Status = DocumentStatus.Completed,
            Source = new SourceInfo(null, "lines.pdf", null, "sha-lines", 10), Schema = new SchemaRef("invoice-lines", "1"),
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow.AddDays(1), PageCount = 1,
            Fields = new Dictionary<string, FieldResult>
            {
                ["total"] = new() { Value = JsonValue.Create(1100m), Raw = "1100", Found = true, Confidence = 0.99, Page = 1 },
                ["items"] = new() { Value = rows, Found = true, Confidence = 0.4, Page = 1, NeedsReview = true, Rows = [] },
            },
        };
        await Workflow.Review.ReviewDocuments.StoreAsync(_app.Store, lines, schema);

        await using var tab = await OpenAsync();
        var page = tab.Page;
        await page.ClickAsync("#queue-list button[data-id='doc-lines']");
        await page.ClickAsync(".field[data-field='items'] .name");
        await page.Keyboard.PressAsync("e");
        var grid = Field(page, "items").Locator(".table-edit");
        await Expect(grid.Locator("tr.edit-row")).ToHaveCountAsync(2);
        await grid.Locator("tr.edit-row").Nth(0).Locator("input[data-column='amount']").FillAsync("650.00 EUR");
        await grid.Locator("tr.edit-row").Nth(1).Locator("button.delete-row").ClickAsync();
        await grid.Locator("button.add-row").ClickAsync();
        await grid.Locator("tr.edit-row").Nth(1).Locator("input[data-column='description']").FillAsync("Washers");
        await grid.Locator("tr.edit-row").Nth(1).Locator("input[data-column='amount']").FillAsync("450");
        await grid.Locator("button.save-table").ClickAsync();

        await Expect(Field(page, "items").Locator(".state")).ToHaveTextAsync("edited by tester");
        await Expect(page.Locator("#rules .rule.passed")).ToContainTextAsync("sum(items.amount) == total");
        var stored = (await _app.Store.GetDocumentAsync("doc-lines"))!.Fields["items"];
        stored.Value!.AsArray().Select(r => (r!["description"]!.GetValue<string>(), r["amount"]!.GetValue<decimal>()))
            .Should().Equal([("Bolts", 650m), ("Washers", 450m)], "the cells are typed by their columns");
        stored.Model!.Value!.AsArray().Should().HaveCount(2);
        tab.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Hostile_model_text_stays_inert_text_when_shown_and_when_saved()
    {
        await using var tab = await OpenAsync();
        var page = tab.Page;
        await page.ClickAsync($"#queue-list button[data-id='{ReviewTestData.HostileId}']");
        var field = Field(page, "vendorName");
        await Expect(field).ToHaveClassAsync(new Regex("selected"));

        (await page.Locator("#document-head .title").TextContentAsync()).Should().Be(ReviewTestData.HostileSource);
        (await field.Locator(".value").TextContentAsync()).Should().Be(ReviewTestData.HostileScript);
        (await field.Locator(".raw").TextContentAsync()).Should().Be("raw: " + ReviewTestData.HostileImage);
        (await field.Locator(".issue").TextContentAsync()).Should().Be("issue: " + ReviewTestData.HostileImage);
        (await field.Locator(".alternatives .text").TextContentAsync()).Should().Be(ReviewTestData.HostileImage);

        await page.Keyboard.PressAsync("e");
        await field.Locator("input.edit").FillAsync(ReviewTestData.HostileImage + ReviewTestData.HostileScript);
        await field.Locator("input.edit").PressAsync("Enter");
        await Expect(field.Locator(".state")).ToHaveTextAsync("edited by tester");
        (await field.Locator(".value").TextContentAsync()).Should().Be(ReviewTestData.HostileImage + ReviewTestData.HostileScript);
        (await _app.Store.GetDocumentAsync(ReviewTestData.HostileId))!.Fields["vendorName"].Value!.GetValue<string>()
            .Should().Be(ReviewTestData.HostileImage + ReviewTestData.HostileScript);

        (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue();
        (await page.EvaluateAsync<int>("() => document.querySelectorAll('img, svg').length")).Should().Be(0, "no element was made from the text");
        (await page.EvaluateAsync<int>("() => document.scripts.length")).Should().Be(1, "only app.js");
        tab.Problems.Should().BeEmpty("no dialog opened and no script error happened");
    }

    [Fact]
    public async Task Two_reviewers_saving_the_same_document_get_one_conflict_and_the_second_value_is_not_lost()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var tabs = new[] { (Tab: first, Value: "1300"), (Tab: second, Value: "1400") };
        foreach (var (tab, value) in tabs)
        {
            await tab.Page.ClickAsync($"#queue-list button[data-id='{ReviewTestData.InvoiceId}']");
            await tab.Page.ClickAsync(".field[data-field='total'] .name");
            await tab.Page.Keyboard.PressAsync("e");
            await Field(tab.Page, "total").Locator("input.edit").FillAsync(value);
        }

        await Task.WhenAll(tabs.Select(t => Field(t.Tab.Page, "total").Locator("input.edit").PressAsync("Enter")));
        foreach (var (tab, _) in tabs)
        {
            await tab.Page.Locator(".field.is-reviewed[data-field='total'], #message.conflict").First.WaitForAsync();
        }

        var refused = new List<(BrowserTab Tab, string Value)>();
        foreach (var t in tabs)
        {
            if (await t.Tab.Page.Locator("#message.conflict").IsVisibleAsync())
            {
                refused.Add(t);
            }
        }

        refused.Should().ContainSingle("exactly one of the two saves is refused");
        var (loser, typed) = refused[0];
        var winner = tabs.Single(t => t.Tab != loser);
        await Expect(loser.Page.Locator("#message")).ToContainTextAsync(ConflictMessage);
        await Expect(Field(loser.Page, "total").Locator("input.edit")).ToHaveValueAsync(typed);
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"].Value!.GetValue<decimal>()
            .Should().Be(decimal.Parse(winner.Value, System.Globalization.CultureInfo.InvariantCulture));

        await loser.Page.ClickAsync("#reload");
        await Expect(Field(loser.Page, "total").Locator(".state")).ToHaveTextAsync("edited by tester");
        var retyped = Field(loser.Page, "total").Locator("input.edit");
        await Expect(retyped).ToHaveValueAsync(typed);
        await retyped.PressAsync("Enter");
        await Expect(Field(loser.Page, "total").Locator(".value")).ToHaveTextAsync(typed);
        (await _app.Store.GetDocumentAsync(ReviewTestData.InvoiceId))!.Fields["total"].Value!.GetValue<decimal>()
            .Should().Be(decimal.Parse(typed, System.Globalization.CultureInfo.InvariantCulture));
        first.Problems.Concat(second.Problems).Should().OnlyContain(
            problem => problem.Contains("status of 409", StringComparison.Ordinal), "the browser logs the refused save, and nothing else went wrong");
    }

    private static ILocator Field(IPage page, string name) => page.Locator($".field[data-field='{name}']");

    private static async Task ExpectBoxAtAsync(IPage page, ILocator box, PixelBox expected, int pageIndex = 0)
    {
        await Expect(box).ToBeVisibleAsync();
        var image = (await page.Locator(".page img").Nth(pageIndex).BoundingBoxAsync())!;
        var drawn = (await box.BoundingBoxAsync())!;
        var scale = image.Width / ReviewTestData.PageWidth;
        image.Height.Should().BeApproximately(ReviewTestData.PageHeight * scale, 1, "the image keeps its aspect ratio");
        drawn.X.Should().BeApproximately(image.X + (float)expected.Left * scale, 1.5f);
        drawn.Y.Should().BeApproximately(image.Y + (float)expected.Top * scale, 1.5f);
        drawn.Width.Should().BeApproximately((float)expected.Width * scale, 1.5f);
        drawn.Height.Should().BeApproximately((float)expected.Height * scale, 1.5f);
    }

    private async Task<BrowserTab> OpenAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var tab = new BrowserTab(context, await context.NewPageAsync());
        await tab.Page.GotoAsync(_app.Server.LaunchUri.ToString());
        return tab;
    }

    private static async Task SaveScreenshotAsync(IPage page)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotDirectoryVariable) is { Length: > 0 } directory)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, "review.png") });
        }
    }

    private sealed class BrowserTab : IAsyncDisposable
    {
        public BrowserTab(IBrowserContext context, IPage page)
        {
            Context = context;
            Page = page;
            page.PageError += (_, error) => Problems.Add("page error: " + error);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    Problems.Add("console: " + message.Text);
                }
            };
            page.Dialog += (_, dialog) =>
            {
                Problems.Add("dialog: " + dialog.Message);
                _ = dialog.DismissAsync();
            };
        }

        public IBrowserContext Context { get; }

        public IPage Page { get; }

        public List<string> Problems { get; } = [];

        public ValueTask DisposeAsync() => Context.DisposeAsync();
    }
}
