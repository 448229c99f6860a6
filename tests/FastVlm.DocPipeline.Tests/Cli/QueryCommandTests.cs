using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Workflow.Review;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Storage;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

[Collection(LocalServicesCollection.Name)]
public sealed class QueryCommandTests(LocalServicesFixture services)
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Samples, "queries", name);

    private static FieldResult Field(JsonNode? value, string? currency = null) => new() { Value = value, Raw = value?.ToString(), Currency = currency, Found = value is not null, Confidence = 0.9, Page = 1 };

    private static DocumentRecord Invoice(string id, string vendor, decimal total, string date, bool needsReview = false) =>
        CosmosResultStoreTests.NewDocument(id, status: DocumentStatus.Completed) with
        {
            NeedsReview = needsReview,
            Fields = new Dictionary<string, FieldResult>
            {
                ["vendorName"] = Field(JsonValue.Create(vendor)),
                ["invoiceNumber"] = Field(JsonValue.Create("INV-" + id)),
                ["invoiceDate"] = Field(JsonValue.Create(date)),
                ["total"] = Field(JsonValue.Create(total), "EUR"),
            },
        };

    private async Task<string> SeedAsync()
    {
        var options = services.CosmosOptions();
        using var store = new CosmosResultStore(options);
        DocumentRecord[] documents =
        [
            Invoice("i1", "Contoso Ltd", 120.50m, "2026-01-05"),
            Invoice("i2", "Fabrikam", 2400m, "2026-02-01", needsReview: true),
            Invoice("i3", "Contoso Ltd", 1800m, "2026-03-09"),
            CosmosResultStoreTests.NewDocument("f1", status: DocumentStatus.Failed) with { Error = new ErrorInfo("pdf.encrypted", "The PDF is password protected.") },
            CosmosResultStoreTests.NewDocument("q1", status: DocumentStatus.Extracting),
        ];
        foreach (var document in documents)
        {
            await store.UpdateDocumentAsync(document.Id, _ => document);
        }

        return options.DatabaseName;
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand { QueryCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string[] Connection(string database) =>
        ["--cosmos", services.CosmosEndpoint.ToString(), "--cosmos-key", services.CosmosKey, "--emulator", "--database", database];

    private async Task<JsonElement[]> JsonRowsAsync(string database, params string[] args)
    {
        var (exit, output, error) = await RunAsync([.. args, "--json", .. Connection(database)]);
        exit.Should().Be(ExitCodes.Success, error);
        return JsonSerializer.Deserialize<JsonElement[]>(output)!;
    }

    [Fact]
    public async Task Sample_queries_return_the_expected_rows()
    {
        var database = await SeedAsync();

        var contoso = await JsonRowsAsync(database, "query", Sample("invoices-of-vendor.sql"), "-p", "vendor=Contoso Ltd");
        contoso.Select(r => r.GetProperty("documentId").GetString()).Should().Equal("i3", "i1");
        contoso[0].GetProperty("invoiceNumber").GetString().Should().Be("INV-i3");
        contoso[0].GetProperty("currency").GetString().Should().Be("EUR");

        var above = await JsonRowsAsync(database, "query", Sample("totals-above.sql"), "-p", "amount=1000");
        above.Select(r => r.GetProperty("documentId").GetString()).Should().Equal("i2", "i3");
        above[0].GetProperty("total").GetDecimal().Should().Be(2400m);

        var review = await JsonRowsAsync(database, "query", Sample("needs-review.sql"));
        review.Select(r => r.GetProperty("documentId").GetString()).Should().Equal("i2");

        var failed = await JsonRowsAsync(database, "query", Sample("failed-documents.sql"));
        failed.Should().ContainSingle();
        failed[0].GetProperty("code").GetString().Should().Be("pdf.encrypted");
        failed[0].GetProperty("message").GetString().Should().Contain("password");
    }

    [Fact]
    public async Task Sample_queries_return_the_reviewed_value_of_a_reviewed_document_and_list_its_corrections()
    {
        var database = await SeedAsync();
        using var store = new CosmosResultStore(services.CosmosOptions(database));
        var schema = EmbeddedSchemas.Get("invoice");
        var reviewed = await Workflow.Review.ReviewDocuments.StoreAsync(store, Invoice("r1", "Contoso Ltd", 950m, "2026-04-01") with { FieldsRunId = "run-1" }, schema);
        var service = new DocumentReviewService(store);
        reviewed = await service.ReviewFieldAsync("r1", "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("1,950.00"), ETag = DocumentETag.Of(reviewed) }, "ana");
        reviewed = await service.ApproveAsync("r1", "ben", DocumentETag.Of(reviewed));
        reviewed.Status.Should().Be(DocumentStatus.Reviewed);

        var above = await JsonRowsAsync(database, "query", Sample("totals-above.sql"), "-p", "amount=1000");
        above.Select(r => r.GetProperty("documentId").GetString()).Should().Equal("i2", "r1", "i3");
        above.Single(r => r.GetProperty("documentId").GetString() == "r1").GetProperty("total").GetDecimal().Should().Be(1950m);
        var contoso = await JsonRowsAsync(database, "query", Sample("invoices-of-vendor.sql"), "-p", "vendor=Contoso Ltd");
        contoso.Select(r => r.GetProperty("documentId").GetString()).Should().Equal("r1", "i3", "i1");

        var corrections = await JsonRowsAsync(database, "query", Sample("corrections.sql"));
        var correction = corrections.Should().ContainSingle().Which;
        correction.GetProperty("documentId").GetString().Should().Be("r1");
        correction.GetProperty("field").GetString().Should().Be("total");
        correction.GetProperty("corrected").GetDecimal().Should().Be(1950m);
        correction.GetProperty("model").GetDecimal().Should().Be(950m);
        correction.GetProperty("reviewer").GetString().Should().Be("ana");
    }

    [Fact]
    public async Task Table_output_pages_and_stops_at_max_items()
    {
        var database = await SeedAsync();

        var (exit, output, error) = await RunAsync(["query", "SELECT c.documentId, c.status FROM c ORDER BY c.documentId", "--max-items", "3", "--page-size", "2", .. Connection(database)]);

        exit.Should().Be(ExitCodes.Success, error);
        output.Should().Contain("documentId").And.Contain("status").And.Contain("3 item(s)");
        output.Should().Contain("f1").And.Contain("i1").And.Contain("i2").And.NotContain("i3");
    }

    [Fact]
    public async Task Invalid_query_is_a_usage_error()
    {
        var database = await SeedAsync();

        var (exit, _, error) = await RunAsync(["query", "SELEC nonsense", .. Connection(database)]);

        exit.Should().Be(ExitCodes.UsageOrInput);
        error.Should().Contain(CosmosErrorCodes.BadRequest);
    }

    private static void ShouldBeOneLineError(int exit, string error, string code)
    {
        exit.Should().Be(ExitCodes.UsageOrInput, error);
        error.Should().StartWith($"error [{code}]:");
        error.Trim().Split('\n').Should().ContainSingle("one line, no stack trace: " + error);
    }

    [Theory]
    [InlineData("--max-items", "-1")]
    [InlineData("--max-items", "0")]
    [InlineData("--page-size", "0")]
    public async Task Non_positive_item_counts_are_one_line_errors(string option, string value)
    {
        var (exit, _, error) = await RunAsync(["query", "SELECT * FROM c", option, value, .. Connection("unused")]);

        ShouldBeOneLineError(exit, error, CliErrorCodes.InvalidOption);
        error.Should().Contain(option);
    }

    [Fact]
    public async Task Parameter_used_in_the_query_but_never_given_is_reported()
    {
        var (exit, _, error) = await RunAsync(["query", "SELECT * FROM c WHERE c.vendor = @vendor AND c.note != '@quoted' AND c.total > @min", "-p", "min=5", .. Connection("unused")]);

        ShouldBeOneLineError(exit, error, CliErrorCodes.QueryMissingParameter);
        error.Should().Contain("@vendor").And.Contain("-p vendor=VALUE").And.NotContain("@quoted").And.NotContain("@min");
    }

    [Fact]
    public async Task Key_that_is_not_base64_is_a_one_line_error()
    {
        var (exit, _, error) = await RunAsync(["query", "SELECT * FROM c", "--cosmos", services.CosmosEndpoint.ToString(), "--cosmos-key", "not-a-key!", "--emulator"]);

        ShouldBeOneLineError(exit, error, CosmosErrorCodes.InvalidKey);
    }

    [Fact]
    public async Task Local_endpoint_without_a_key_says_how_to_pass_one_and_never_tries_an_azure_sign_in()
    {
        var (exit, _, error) = await RunAsync(["query", "SELECT * FROM c", "--cosmos", services.CosmosEndpoint.ToString(), "--cosmos-key", "", "--emulator"]);

        ShouldBeOneLineError(exit, error, CosmosErrorCodes.NoCredential);
        error.Should().Contain("--cosmos-key");
    }
}
