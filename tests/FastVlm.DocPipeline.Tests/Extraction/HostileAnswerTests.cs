using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction;

/// <summary>
/// Answers a model made to say one fixed thing gives, each with what must become of it: a value only when the
/// answer is one value of the field's type, else no value, the raw text kept, an issue and review.
/// </summary>
public sealed class HostileAnswerTests
{
    /// <summary>(type, answer, expected value as JSON or null, expected issue or null).</summary>
    public static TheoryData<FieldType, string, string?, string?> Answers => new()
    {
        // Numbers: one number in a recognised format, or nothing.
        { FieldType.Number, "3-4", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "1+2", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "5 of 9", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "1e3", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "1E-3", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "1/3", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "4 to 5", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "3–4", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "12, 13", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "12 13", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "10³", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "1½", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "<5", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "5+", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "~ 5", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "2024-03-05", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Number, "123456789012345678901234567890", null, AnswerIssues.NumberOutOfRange },
        { FieldType.Number, "twelve", null, AnswerIssues.Unparsed },
        { FieldType.Number, ".5", null, AnswerIssues.Unparsed },
        { FieldType.Currency, "Rs.500", "500", null },
        { FieldType.Number, "1,234.56", "1234.56", null },
        { FieldType.Number, "1.234,56", "1234.56", null },
        { FieldType.Number, "-42", "-42", null },
        { FieldType.Number, "(12.00)", "-12.00", null },
        { FieldType.Number, "12.00-", "-12.00", null },
        { FieldType.Number, "3 items", "3", null },

        // Currency: the same rules for the amount.
        { FieldType.Currency, "$3-$4", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Currency, "USD 12.00 or EUR 11.00", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Currency, "€1e3", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Currency, "$1/3", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Currency, "10 to 20 euros", null, AnswerIssues.AmbiguousNumber },
        { FieldType.Currency, "€1 234,56", "1234.56", null },
        { FieldType.Currency, "USD 12.00", "12.00", null },
        { FieldType.Currency, "-$5.00", "-5.00", null },
        { FieldType.Currency, "(€12.00)", "-12.00", null },

        // Dates: two dates in one answer are not one date.
        { FieldType.Date, "5 March 2024 - 7 March 2024", null, AnswerIssues.AmbiguousDate },
        { FieldType.Date, "March 5-7, 2024", null, AnswerIssues.AmbiguousDate },
        { FieldType.Date, "2024-03-05 or 2024-04-05", null, AnswerIssues.AmbiguousDate },
        { FieldType.Date, "03/05/2024 – 04/05/2024", null, AnswerIssues.AmbiguousDate },
        { FieldType.Date, "5 March or 7 April 2024", null, AnswerIssues.AmbiguousDate },
        { FieldType.Date, "next Tuesday", null, AnswerIssues.Unparsed },
        { FieldType.Date, "March 5, 2024", "\"2024-03-05\"", null },
        { FieldType.Date, "March 5, 2024, 10:30", "\"2024-03-05\"", null },
        { FieldType.Date, "2024-03-05", "\"2024-03-05\"", null },

        // Booleans, enums and lists keep what they did: a clear answer or an issue.
        { FieldType.Boolean, "yes and no", null, AnswerIssues.Unparsed },
        { FieldType.Boolean, "maybe", null, AnswerIssues.Unparsed },
        { FieldType.Boolean, "Yes", "true", null },
        { FieldType.Enum, "red or green", null, AnswerIssues.NoEnumMatch },
        { FieldType.Enum, "purple", null, AnswerIssues.NoEnumMatch },
        { FieldType.Enum, "green", "\"green\"", null },
        { FieldType.List, "- 3-4\n- 1e3", "[\"3-4\",\"1e3\"]", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Each_hostile_answer_is_read_or_flagged_never_guessed(FieldType type, string answer, string? expectedJson, string? expectedIssue)
    {
        var field = new SchemaField { Name = "f", Question = "q?", Type = type, Values = type == FieldType.Enum ? ["red", "green"] : null };
        var schema = new ExtractionSchema { Name = "t", Version = "1", Fields = [field] };

        var merged = FieldMerger.Merge(schema, [new PageAnswers(1, new Dictionary<string, PageAnswer> { ["f"] = AnswerNormalizer.ToPageAnswer(schema, field, Certain(answer)) })], pageCount: 1);

        var result = merged.Fields["f"];
        result.Found.Should().BeTrue();
        result.Raw.Should().Be(answer);
        result.Issue.Should().Be(expectedIssue);
        if (expectedJson is null)
        {
            result.Value.Should().BeNull();
            result.NeedsReview.Should().BeTrue("an answer that is not one value must be reviewed");
        }
        else
        {
            result.Value!.ToJsonString().Should().Be(expectedJson);
            result.NeedsReview.Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("3-4", AnswerIssues.AmbiguousNumber)]
    [InlineData("1e3", AnswerIssues.AmbiguousNumber)]
    [InlineData("5 of 9", AnswerIssues.AmbiguousNumber)]
    public async Task A_table_cell_that_is_not_one_number_is_a_bad_cell_not_its_first_number(string quantity, string cellIssue)
    {
        var schema = await SchemaLoader.ResolveAsync("invoice-lines");
        var table = schema.Fields.Single(f => f.Name == "lineItems");
        var page = new PageAnswers(1, new Dictionary<string, PageAnswer>
        {
            ["lineItems"] = AnswerNormalizer.ToPageAnswer(schema, table, Certain($"Chair | {quantity} | 10.00 | 20.00")),
        });

        var merged = FieldMerger.Merge(schema, [page], pageCount: 1);

        var cell = merged.Fields["lineItems"].Rows!.Single().Cells["quantity"];
        cell.Raw.Should().Be(quantity);
        cell.Value.Should().BeNull();
        cell.Issue.Should().Be(cellIssue);
        merged.Fields["lineItems"].Issue.Should().Be(AnswerIssues.BadCells);
        merged.Fields["lineItems"].NeedsReview.Should().BeTrue();
    }

    private static GenerationResult Certain(string text) => new()
    {
        Text = text,
        TokenIds = [1, 2, 3],
        TokenLogprobs = [-0.0001f, -0.0001f, -0.0001f],
        PromptTokenCount = 10,
        ImageTokenCount = 4,
        FinishReason = FinishReason.Stop,
        Timings = new GenerationTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 3),
    };
}
