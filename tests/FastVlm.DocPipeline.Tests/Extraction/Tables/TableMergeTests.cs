using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction.Tables;

public sealed class TableMergeTests
{
    private static async Task<ExtractionSchema> InvoiceLines() => await SchemaLoader.ResolveAsync("invoice-lines");

    private static GenerationResult Generated(string text, FinishReason finish = FinishReason.Stop) => new()
    {
        Text = text,
        TokenIds = [1, 2, 3],
        TokenLogprobs = [-0.01f, -0.02f, -0.01f],
        PromptTokenCount = 10,
        ImageTokenCount = 4,
        FinishReason = finish,
        Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 3),
    };

    private static PageAnswers Page(ExtractionSchema schema, int page, IReadOnlyDictionary<string, string> answers, FinishReason tableFinish = FinishReason.Stop) =>
        new(page, schema.Fields.Where(f => answers.ContainsKey(f.Name)).ToDictionary(
            f => f.Name,
            f => AnswerNormalizer.ToPageAnswer(schema, f, Generated(answers[f.Name], f.Type == FieldType.Table ? tableFinish : FinishReason.Stop))));

    [Fact]
    public async Task Rows_of_two_pages_are_joined_normalised_by_column_and_checked_by_the_rules()
    {
        var schema = await InvoiceLines();
        var page1 = Page(schema, 1, new Dictionary<string, string>
        {
            ["invoiceDate"] = "01.03.2026",
            ["dueDate"] = "31.03.2026",
            ["lineItems"] = "Description | Qty | Unit price | Amount\n1. Office chair | 2 | €289.00 | €578.00\n2. Desk, oak | 1 | €649.50",
        }, FinishReason.Length);
        var page2 = Page(schema, 2, new Dictionary<string, string>
        {
            ["lineItems"] = "€649.50\n| Description | Qty | Unit price | Amount |\n3. Delivery | 1 | €120.00 | €120.00",
            ["subtotal"] = "€1,347.50",
            ["tax"] = "€256.03",
            ["total"] = "€1,603.53",
        });

        var merged = FieldMerger.Merge(schema, [page2, page1], pageCount: 2);

        var table = merged.Fields["lineItems"];
        table.Rows!.Select(r => (r.Page, r.Flag, r.Cells["description"].Raw)).Should().Equal(
            (1, "ok", "Office chair"), (1, "joined", "Desk, oak"), (2, "ok", "Delivery"));
        table.Rows![1].Cells["amount"].Value!.GetValue<decimal>().Should().Be(649.50m);
        table.Rows![0].Cells["quantity"].Value!.GetValue<decimal>().Should().Be(2m);
        table.Rows![0].Cells["unitPrice"].Currency.Should().Be("EUR");
        ((JsonArray)table.Value!).Select(r => r!["amount"]!.GetValue<decimal>()).Should().Equal(578m, 649.50m, 120m);
        merged.Rules.Select(r => (r.Rule, r.Status)).Should().Equal(
            ("total == subtotal + tax within 0.01", "passed"),
            ("dueDate >= invoiceDate", "passed"),
            ("sum(lineItems.amount) == subtotal within 0.01", "passed"),
            ("quantity * unitPrice == amount within 0.01", "passed"));
    }

    [Fact]
    public async Task A_wrong_total_fails_its_rule_and_marks_the_named_fields_for_review()
    {
        var schema = await InvoiceLines();
        var page = Page(schema, 1, new Dictionary<string, string>
        {
            ["lineItems"] = "Chair | 2 | 10.00 | 20.00\nDesk | 3 | 10.00 | 31.00",
            ["subtotal"] = "50.00",
            ["tax"] = "9.50",
            ["total"] = "60.50",
        });

        var merged = FieldMerger.Merge(schema, [page], pageCount: 1);

        var total = merged.Rules.Single(r => r.Rule.StartsWith("total", StringComparison.Ordinal));
        total.Status.Should().Be("failed");
        total.Detail.Should().Be("60.50 == 59.50 does not hold");
        merged.Fields["total"].Issue.Should().Be("rule_failed: total == subtotal + tax within 0.01");
        merged.Fields["total"].NeedsReview.Should().BeTrue();
        merged.Fields["tax"].NeedsReview.Should().BeTrue();
        var perRow = merged.Rules.Single(r => r.Rule.StartsWith("quantity", StringComparison.Ordinal));
        perRow.FailedRows.Should().Equal(2);
        merged.Fields["lineItems"].Issue.Should().StartWith("rule_failed: sum(lineItems.amount)");
        merged.Rules.Single(r => r.Rule.StartsWith("dueDate", StringComparison.Ordinal)).Status.Should().Be("not_evaluated");
        merged.NeedsReview.Should().BeTrue();
    }

    [Fact]
    public async Task A_table_not_on_any_page_is_not_found_with_no_rows()
    {
        var schema = await InvoiceLines();
        var merged = FieldMerger.Merge(schema, [Page(schema, 1, new Dictionary<string, string> { ["lineItems"] = "There are no line items." })], pageCount: 1);

        merged.Fields["lineItems"].Found.Should().BeFalse();
        merged.Fields["lineItems"].Rows.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unparsed_row_is_kept_raw_and_the_table_needs_review()
    {
        var schema = await InvoiceLines();
        var merged = FieldMerger.Merge(schema, [Page(schema, 1, new Dictionary<string, string> { ["lineItems"] = "Chair | 2 | 10.00 | 20.00\nbroken | row | with | too | many | cells" })], pageCount: 1);

        var table = merged.Fields["lineItems"];
        table.Rows![1].Flag.Should().Be("unparsed");
        table.Rows![1].Raw.Should().Be("broken | row | with | too | many | cells");
        table.Issue.Should().Be(AnswerIssues.UnparsedRows);
        table.NeedsReview.Should().BeTrue();
    }
}
