using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Tests.Cli;

public sealed class ResultPrinterTableTests
{
    private static TableRowResult Row(int page, string description, decimal? amount, string flag = "ok") => new()
    {
        Page = page,
        Flag = flag,
        Cells = new Dictionary<string, TableCellResult>
        {
            ["description"] = new() { Value = JsonValue.Create(description), Raw = description },
            ["amount"] = amount is null ? new() { Raw = "n/a" } : new() { Value = JsonValue.Create(amount.Value), Raw = "x" },
        },
    };

    private static DocumentRecord Document(IReadOnlyList<TableRowResult> rows) => new()
    {
        Id = "d",
        DocumentId = "d",
        RunId = "r",
        Source = new SourceInfo(null, "a.pdf", null, "h", 1),
        Schema = new SchemaRef("invoice-lines", "1"),
        Status = DocumentStatus.Completed,
        CreatedAt = DateTime.UnixEpoch,
        UpdatedAt = DateTime.UnixEpoch,
        Fields = new Dictionary<string, FieldResult>
        {
            ["lineItems"] = new() { Found = true, Confidence = 0.9, Page = 1, Value = new JsonArray(), Rows = rows },
        },
        Rules =
        [
            new RuleResult { Rule = "total == subtotal + tax", Status = "failed", Detail = "120 == 119 does not hold" },
            new RuleResult { Rule = "dueDate >= invoiceDate", Status = "passed" },
        ],
    };

    [Fact]
    public void Results_show_prints_table_rows_as_aligned_columns_and_the_rules_that_did_not_pass()
    {
        var writer = new StringWriter();

        ResultPrinter.WriteSummary(writer, Document([Row(1, "Office chair", 578m), Row(2, "Delivery", null, "joined")]));

        var lines = writer.ToString().Split(Environment.NewLine);
        lines.Should().Contain(l => l.Contains("lineItems") && l.Contains("2 row(s)"));
        var header = lines.Single(l => l.TrimStart().StartsWith("page", StringComparison.Ordinal));
        var chair = lines.Single(l => l.Contains("Office chair"));
        var delivery = lines.Single(l => l.Contains("Delivery"));
        header.IndexOf("amount", StringComparison.Ordinal).Should().Be(chair.IndexOf("578", StringComparison.Ordinal));
        delivery.Should().Contain("?n/a").And.EndWith("joined");
        lines.Should().Contain("  rule failed: total == subtotal + tax (120 == 119 does not hold)");
        lines.Should().NotContain(l => l.Contains("dueDate"));
    }

    [Fact]
    public void A_long_table_shows_its_first_rows_and_says_how_many_more()
    {
        var rows = Enumerable.Range(1, TablePrinter.MaxRowsShown + 7).Select(i => Row(1, $"item {i}", i)).ToList();
        var writer = new StringWriter();

        ResultPrinter.WriteSummary(writer, Document(rows));

        writer.ToString().Should().Contain("… 7 more rows (--json shows them all)").And.NotContain($"item {TablePrinter.MaxRowsShown + 1}");
    }
}
