using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class FieldMergerTests
{
    private static readonly ExtractionSchema Schema = new()
    {
        Name = "t",
        Version = "1",
        ReviewThreshold = 0.5,
        Fields =
        [
            new SchemaField { Name = "number", Question = "q", PageHint = PageHint.First, Required = true },
            new SchemaField { Name = "total", Question = "q", Type = FieldType.Currency, PageHint = PageHint.Last },
            new SchemaField { Name = "vendor", Question = "q" },
            new SchemaField { Name = "items", Question = "q", Type = FieldType.List },
            new SchemaField { Name = "po", Question = "q", Required = true },
        ],
    };

    private static PageAnswer Found(string raw, double confidence, JsonNode? value = null) =>
        new() { Raw = raw, Value = value ?? JsonValue.Create(raw), Found = true, Confidence = confidence };

    private static PageAnswer Missing(double confidence) => new() { Raw = "N/A", Found = false, Confidence = confidence };

    private static IReadOnlyList<PageAnswers> Pages() =>
    [
        new(1, new Dictionary<string, PageAnswer>
        {
            ["number"] = Found("INV-1", 0.4),
            ["total"] = Found("$10", 0.95, JsonValue.Create(10m)),
            ["vendor"] = Found("Contoso", 0.7),
            ["items"] = Found("a\nb", 0.9, new JsonArray("a", "b")),
            ["po"] = Missing(0.8),
        }),
        new(2, new Dictionary<string, PageAnswer>
        {
            ["number"] = Found("INV-2", 0.99),
            ["total"] = Found("$12", 0.6, JsonValue.Create(12m)),
            ["vendor"] = Found("Contoso Ltd", 0.9),
            ["items"] = Found("c", 0.8, new JsonArray("c")),
            ["po"] = Missing(0.9),
        }),
        new(3, new Dictionary<string, PageAnswer>
        {
            ["number"] = Missing(0.9),
            ["total"] = Missing(0.9),
            ["vendor"] = Found("Contoso Ltd", 0.9),
            ["items"] = Missing(0.9),
            ["po"] = Missing(0.7),
        }),
    ];

    [Fact]
    public void Hinted_pages_win_then_confidence_then_the_lower_page()
    {
        var merged = FieldMerger.Merge(Schema, Pages(), pageCount: 2);

        merged.Fields["number"].Page.Should().Be(1, "pageHint first beats a more confident answer elsewhere");
        merged.Fields["number"].Raw.Should().Be("INV-1");
        merged.Fields["number"].NeedsReview.Should().BeTrue("0.4 is under the 0.5 threshold");
        merged.Fields["total"].Page.Should().Be(2, "pageHint last is the last page");
        merged.Fields["total"].Value!.GetValue<decimal>().Should().Be(12m);
        merged.Fields["vendor"].Page.Should().Be(2, "equal confidence goes to the lower page");
        merged.Fields["vendor"].NeedsReview.Should().BeFalse();
    }

    [Fact]
    public void Lists_concatenate_pages_in_order_with_the_lowest_confidence()
    {
        var items = FieldMerger.Merge(Schema, Pages(), 3).Fields["items"];
        items.Value!.ToJsonString().Should().Be("[\"a\",\"b\",\"c\"]");
        items.Page.Should().Be(1);
        items.Confidence.Should().Be(0.8);
    }

    [Fact]
    public void Fields_found_nowhere_are_present_as_not_found()
    {
        var merged = FieldMerger.Merge(Schema, Pages(), 3);

        var po = merged.Fields["po"];
        po.Found.Should().BeFalse();
        po.Value.Should().BeNull();
        po.Page.Should().BeNull();
        po.Confidence.Should().Be(0.9);
        po.NeedsReview.Should().BeTrue("it is required");
        merged.NeedsReview.Should().BeTrue();
        merged.Fields.Keys.Should().Equal("number", "total", "vendor", "items", "po");

        var none = FieldMerger.Merge(Schema, [], 0);
        none.Fields.Values.Should().OnlyContain(f => !f.Found && f.Value == null);
    }

    [Fact]
    public void Readable_values_beat_unreadable_ones()
    {
        var schema = Schema with { Fields = [new SchemaField { Name = "d", Question = "q", Type = FieldType.Date }] };
        var pages = new PageAnswers[]
        {
            new(1, new Dictionary<string, PageAnswer> { ["d"] = new() { Raw = "soon", Found = true, Confidence = 0.99, Issue = AnswerIssues.Unparsed } }),
            new(2, new Dictionary<string, PageAnswer> { ["d"] = Found("2024-01-02", 0.6) }),
        };

        var field = FieldMerger.Merge(schema, pages, 2).Fields["d"];
        field.Page.Should().Be(2);
        field.Issue.Should().BeNull();
    }

    [Fact]
    public void The_same_answers_in_any_order_merge_to_identical_json()
    {
        var forward = FieldMerger.Merge(Schema, Pages(), 3);
        var backward = FieldMerger.Merge(Schema, Pages().Reverse(), 3);
        var again = FieldMerger.Merge(Schema, Pages(), 3);

        var json = JsonSerializer.Serialize(forward.Fields, ResultJson.Options);
        JsonSerializer.Serialize(backward.Fields, ResultJson.Options).Should().Be(json);
        JsonSerializer.Serialize(again.Fields, ResultJson.Options).Should().Be(json);
        backward.NeedsReview.Should().Be(forward.NeedsReview);
    }
}
