using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Workflow;

/// <summary>
/// Issue 19, item 1, as it was found: a model that gives one fixed answer to every question, run through the whole
/// workflow, and the stored document read back. A range is never stored as its first number.
/// </summary>
public sealed class FixedAnswerWorkflowTests
{
    private static readonly ExtractionSchema Schema = new()
    {
        Name = "fixed-answer",
        Version = "1",
        ReviewThreshold = 0.5,
        Fields =
        [
            new SchemaField { Name = "count", Question = "How many items?", Type = FieldType.Number },
            new SchemaField { Name = "total", Question = "What is the total?", Type = FieldType.Currency },
            new SchemaField { Name = "date", Question = "What is the date?", Type = FieldType.Date },
        ],
    };

    [Theory]
    [InlineData("3-4")]
    [InlineData("1+2")]
    [InlineData("5 of 9")]
    [InlineData("1e3")]
    [InlineData("1/3")]
    [InlineData("4 to 5")]
    public async Task Every_number_field_keeps_the_raw_text_without_a_value_and_needs_review(string answer)
    {
        using var harness = new WorkflowHarness();
        harness.Model.Default = (answer, 0.99);
        var name = harness.AddDocument("fixed.pdf", pages: 1);

        var result = await harness.RunAsync(name, schema: Schema);

        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        foreach (var field in new[] { "count", "total" })
        {
            var stored = document.Fields[field];
            stored.Raw.Should().Be(answer);
            stored.Value.Should().BeNull($"'{answer}' is not one number");
            stored.Issue.Should().Be(AnswerIssues.AmbiguousNumber);
            stored.NeedsReview.Should().BeTrue();
        }

        document.NeedsReview.Should().BeTrue();
    }

    [Fact]
    public async Task One_plain_number_is_still_stored_with_no_issue()
    {
        using var harness = new WorkflowHarness();
        harness.Model.Default = ("1,234.56", 0.99);
        var name = harness.AddDocument("fixed.pdf", pages: 1);

        var result = await harness.RunAsync(name, schema: Schema);

        var document = (await harness.Store.GetDocumentAsync(result.DocumentId))!;
        document.Fields["count"].Value!.GetValue<decimal>().Should().Be(1234.56m);
        document.Fields["count"].Issue.Should().BeNull();
        document.Fields["total"].Value!.GetValue<decimal>().Should().Be(1234.56m);
    }
}
