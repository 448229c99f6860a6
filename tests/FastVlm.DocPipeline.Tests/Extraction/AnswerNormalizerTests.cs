using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class AnswerNormalizerTests
{
    private static ExtractionSchema Schema(string? locale = null, DateOrder? order = null, string? currency = null, params SchemaField[] fields) => new()
    {
        Name = "t",
        Version = "1",
        Locale = locale,
        DateOrder = order,
        Currency = currency,
        Fields = fields,
    };

    private static SchemaField Field(FieldType type, IReadOnlyList<string>? values = null) =>
        new() { Name = "f", Question = "q?", Type = type, Values = values };

    [Theory]
    [InlineData(FieldType.String, "\"Contoso Ltd.\"", "\"Contoso Ltd.\"")]
    [InlineData(FieldType.Number, "1,234.5", "1234.5")]
    [InlineData(FieldType.Date, "March 5, 2024", "\"2024-03-05\"")]
    [InlineData(FieldType.Date, "03/05/2024", "\"2024-03-05\"")]
    [InlineData(FieldType.Boolean, "Yes", "true")]
    [InlineData(FieldType.Currency, "$1,234.56", "1234.56")]
    public void Normalises_by_type_with_en_US_defaults(FieldType type, string raw, string expectedJson)
    {
        var field = Field(type);
        var answer = AnswerNormalizer.Normalize(Schema(fields: field), field, raw);

        answer.Found.Should().BeTrue();
        answer.Issue.Should().BeNull();
        answer.Value!.ToJsonString().Should().Be(expectedJson);
    }

    [Fact]
    public void The_locale_changes_numbers_and_dates()
    {
        var number = Field(FieldType.Number);
        var date = Field(FieldType.Date);
        var schema = Schema("de-DE", fields: [number, date]);

        AnswerNormalizer.Normalize(schema, number, "1.234").Value!.GetValue<decimal>().Should().Be(1234m);
        AnswerNormalizer.Normalize(schema, date, "03/05/2024").Value!.GetValue<string>().Should().Be("2024-05-03");
        AnswerNormalizer.Normalize(Schema("en-GB", fields: date), date, "03/05/2024").Value!.GetValue<string>().Should().Be("2024-05-03");
    }

    [Fact]
    public void Field_options_override_the_schema()
    {
        var date = new SchemaField { Name = "d", Question = "q", Type = FieldType.Date, DateOrder = DateOrder.DayMonthYear };
        var amount = new SchemaField { Name = "a", Question = "q", Type = FieldType.Currency, Currency = "CHF" };
        var schema = Schema("en-US", DateOrder.MonthDayYear, "USD", date, amount);

        AnswerNormalizer.Normalize(schema, date, "03/05/2024").Value!.GetValue<string>().Should().Be("2024-05-03");
        AnswerNormalizer.Normalize(schema, amount, "12.00").Currency.Should().Be("CHF");
        AnswerNormalizer.Normalize(schema, amount, "€12.00").Currency.Should().Be("EUR");
    }

    [Theory]
    [InlineData(FieldType.String)]
    [InlineData(FieldType.Date)]
    [InlineData(FieldType.Currency)]
    [InlineData(FieldType.Boolean)]
    [InlineData(FieldType.List)]
    public void Not_present_answers_are_not_found(FieldType type)
    {
        var field = Field(type, type == FieldType.Enum ? ["a"] : null);
        var answer = AnswerNormalizer.Normalize(Schema(fields: field), field, "N/A");
        answer.Found.Should().BeFalse();
        answer.Value.Should().BeNull();
    }

    [Fact]
    public void Unreadable_answers_are_found_with_an_issue_and_no_value()
    {
        var date = Field(FieldType.Date);
        var choice = Field(FieldType.Enum, ["red", "green"]);

        var unparsed = AnswerNormalizer.Normalize(Schema(fields: date), date, "next Tuesday");
        unparsed.Should().Be(new NormalizedAnswer(true, null, null, AnswerIssues.Unparsed));
        var unmatched = AnswerNormalizer.Normalize(Schema(fields: choice), choice, "purple");
        unmatched.Should().Be(new NormalizedAnswer(true, null, null, AnswerIssues.NoEnumMatch));
    }

    [Fact]
    public void Lists_become_arrays()
    {
        var field = Field(FieldType.List);
        var answer = AnswerNormalizer.Normalize(Schema(fields: field), field, "- Widget\n- Gadget");
        answer.Value.Should().BeOfType<JsonArray>().Which.ToJsonString().Should().Be("[\"Widget\",\"Gadget\"]");
    }

    [Fact]
    public void Page_answers_keep_the_raw_text_and_flag_truncation()
    {
        var field = Field(FieldType.String);
        var generation = new GenerationResult
        {
            Text = "  Contoso  ",
            TokenIds = [1, 2],
            TokenLogprobs = [-0.1f, -0.2f],
            PromptTokenCount = 10,
            ImageTokenCount = 256,
            FinishReason = FinishReason.Length,
            Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 2),
        };

        var answer = AnswerNormalizer.ToPageAnswer(Schema(fields: field), field, generation);

        answer.Raw.Should().Be("Contoso");
        answer.Value!.GetValue<string>().Should().Be("Contoso");
        answer.TokenCount.Should().Be(2);
        answer.Issue.Should().Be(AnswerIssues.Truncated);
        answer.Confidence.Should().BeApproximately(Math.Exp(-0.15), 1e-4);
    }

    [Fact]
    public void Prompts_add_the_short_answer_post_prompt_unless_overridden()
    {
        FieldPrompt.Build(new SchemaField { Name = "a", Question = "What is the total?" })
            .Should().Be("What is the total?\nAnswer the question using a single word or phrase.");
        FieldPrompt.Build(new SchemaField { Name = "a", Question = "Describe it.", PostPrompt = "One sentence." })
            .Should().Be("Describe it.\nOne sentence.");
        FieldPrompt.Build(new SchemaField { Name = "a", Question = "Describe it.", PostPrompt = "" }).Should().Be("Describe it.");
        FieldPrompt.Build(new SchemaField { Name = "a", Question = "Items?", Type = FieldType.List })
            .Should().Be("Items?\n" + FieldPrompt.ListPostPrompt);
    }
}
