using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Grounding;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction;

/// <summary>Alternatives in the extraction layer: which answers get them, normalisation and de-duplication, constrained runner-ups, merge and grounding.</summary>
public sealed class AnswerAlternativesTests
{
    private static readonly SchemaField Total = new() { Name = "total", Question = "Total?", Type = FieldType.Currency };

    private static readonly SchemaField Method = new() { Name = "method", Question = "How was it paid?", Type = FieldType.Enum, Values = ["cash", "card", "cheque", "voucher"] };

    private static readonly ExtractionSchema Schema = new() { Name = "s", Version = "1", ReviewThreshold = 0.6, Fields = [Total, Method], Currency = "EUR" };

    private static GenerationResult Generated(string text, params float[] logprobs) => new()
    {
        Text = text,
        TokenIds = logprobs.Select((_, i) => i + 1).ToArray(),
        TokenLogprobs = logprobs,
        PromptTokenCount = 10,
        ImageTokenCount = 16,
        FinishReason = FinishReason.Stop,
        Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, logprobs.Length),
    };

    [Fact]
    public void Only_found_answers_below_the_threshold_that_are_not_tables_want_alternatives()
    {
        var table = new SchemaField { Name = "rows", Question = "Rows?", Type = FieldType.Table, Columns = [new TableColumn { Name = "a" }] };

        AnswerAlternatives.Wanted(Schema, Total, new PageAnswer { Raw = "12", Found = true, Confidence = 0.59 }).Should().BeTrue();
        AnswerAlternatives.Wanted(Schema, Total, new PageAnswer { Raw = "12", Found = true, Confidence = 0.6 }).Should().BeFalse();
        AnswerAlternatives.Wanted(Schema, Total, new PageAnswer { Raw = "N/A", Found = false, Confidence = 0.1 }).Should().BeFalse();
        AnswerAlternatives.Wanted(Schema, table, new PageAnswer { Raw = "x", Found = true, Confidence = 0.1 }).Should().BeFalse();
    }

    [Fact]
    public void Alternatives_are_normalised_and_those_equal_to_the_answer_or_each_other_or_unreadable_are_left_out()
    {
        var answer = AnswerNormalizer.ToPageAnswer(Schema, Total, Generated("12.00 EUR", -1f, -0.5f, -0.01f));
        IReadOnlyList<GenerationResult> branches =
        [
            Generated("€12.00", -0.2f, -0.1f, -0.01f),        // the answer's value again
            Generated("120.00", -0.3f, -0.4f, -0.01f),
            Generated("Not present", -0.1f, -0.01f),         // not found
            Generated("twelve-ish", -0.1f, -0.01f),           // unparsed
            Generated("120 EUR", -0.2f, -0.01f),              // the previous alternative again
            Generated("$12.00", -0.6f, -0.7f, -0.01f),
            Generated("13.00", -0.1f, -0.01f),
            Generated("14.00", -0.1f, -0.01f),
        ];

        var alternatives = AnswerAlternatives.FromGenerations(Schema, Total, answer, branches)!;

        alternatives.Select(a => a.Raw).Should().Equal("120.00", "$12.00", "13.00");
        alternatives[0].Value!.GetValue<decimal>().Should().Be(120m);
        alternatives[0].Currency.Should().Be("EUR");
        alternatives[1].Currency.Should().Be("USD");
        alternatives[0].Confidence.Should().Be(Math.Round(Math.Exp(-0.35), 4));
        alternatives.Should().OnlyContain(a => a.Grounding == null && a.Location == null);
        AnswerAlternatives.FromGenerations(Schema, Total, answer, [branches[0], branches[2]]).Should().BeNull();
    }

    [Fact]
    public void A_scored_fields_alternatives_are_its_runner_up_values_without_not_present()
    {
        var scores = new[] { Math.Log(0.1), Math.Log(0.4), Math.Log(0.05), Math.Log(0.15), Math.Log(0.3) };

        var alternatives = ConstrainedAnswer.Alternatives(Method, scores)!;

        alternatives.Select(a => a.Raw).Should().Equal("voucher", "cash", "cheque");
        alternatives.Select(a => a.Value!.GetValue<string>()).Should().Equal("voucher", "cash", "cheque");
        alternatives.Select(a => a.Confidence).Should().Equal([0.15, 0.1, 0.05], (a, b) => Math.Abs(a - b) < 1e-12);
        var paid = new SchemaField { Name = "paid", Question = "Paid?", Type = FieldType.Boolean };
        ConstrainedAnswer.Alternatives(paid, [-0.2, -1.8])!.Single().Value!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void The_merge_keeps_the_chosen_pages_alternatives_and_grounding_finds_each_on_that_page()
    {
        var field = new SchemaField { Name = "number", Question = "Number?" };
        var schema = new ExtractionSchema { Name = "s", Version = "1", Fields = [field] };
        PageAnswer Answer(string raw, double confidence, params string[] alternatives) => new()
        {
            Raw = raw,
            Value = JsonValue.Create(raw),
            Found = true,
            Confidence = confidence,
            Alternatives = alternatives.Select(a => new FieldAlternative { Raw = a, Value = JsonValue.Create(a), Confidence = 0.2 }).ToArray(),
        };
        var pages = new[]
        {
            new PageAnswers(1, new Dictionary<string, PageAnswer> { ["number"] = Answer("INV-1", 0.3, "INV-7") }),
            new PageAnswers(2, new Dictionary<string, PageAnswer> { ["number"] = Answer("INV-2", 0.4, "INV-3", "INV-9") }),
        };

        var merged = FieldMerger.Merge(schema, pages, 2);
        var text = new Dictionary<int, PageText>
        {
            [1] = new() { Width = 100, Height = 100, Words = [new TextWord("INV-9", new PixelBox(1, 1, 50, 10), 0)] },
            [2] = new() { Width = 100, Height = 100, Words = [new TextWord("INV-2", new PixelBox(1, 1, 50, 10), 0), new TextWord("INV-3", new PixelBox(1, 20, 50, 30), 1)] },
        };
        var grounded = FieldGrounder.Ground(schema, merged, text).Fields["number"];

        merged.Fields["number"].Alternatives!.Select(a => a.Raw).Should().Equal("INV-3", "INV-9");
        grounded.Grounding.Should().Be(GroundingStatus.Grounded);
        grounded.Alternatives![0].Grounding.Should().Be(GroundingStatus.Grounded);
        grounded.Alternatives[0].Location!.Page.Should().Be(2);
        grounded.Alternatives[0].Location!.Boxes.Should().Equal(new PixelBox(1, 20, 50, 30));
        grounded.Alternatives[1].Grounding.Should().Be(GroundingStatus.NotOnPage, "an alternative is looked for on its answer's page only");
        grounded.Alternatives[1].Location.Should().BeNull();
        grounded.Issue.Should().BeNull("the alternatives never change the field's own verdict");
    }
}
