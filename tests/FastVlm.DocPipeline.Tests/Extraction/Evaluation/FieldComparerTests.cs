using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>One row per case: the truth value and the stored value as JSON text; "-" = the field was not found.</summary>
public class FieldComparerTests
{
    private static SchemaField Field(FieldType type) => new() { Name = "f", Question = "q?", Type = type };

    private static FieldResult? Actual(string actual, string? currency = null) => actual == "-"
        ? new FieldResult { Found = false, Value = null }
        : new FieldResult { Found = true, Value = JsonNode.Parse(actual), Raw = actual, Currency = currency };

    private static FieldComparison Compare(FieldType type, string expected, string actual, string? expectedCurrency = null, string? actualCurrency = null) =>
        FieldComparer.Compare(Field(type), JsonNode.Parse(expected), expectedCurrency, Actual(actual, actualCurrency));

    [Theory]
    [InlineData("\"Contoso Ltd.\"", "\"Contoso Ltd.\"", true)]
    [InlineData("\"Contoso Ltd.\"", "\"  contoso   LTD. \"", true)]
    [InlineData("\"Contoso Ltd.\"", "\"Contoso\\tLtd.\"", true)]
    [InlineData("\"Ｃｏｎｔｏｓｏ\"", "\"contoso\"", true)]
    [InlineData("\"Café\"", "\"Cafe\\u0301\"", true)]
    [InlineData("\"Contoso Ltd.\"", "\"Contoso Ltd\"", false)]
    [InlineData("\"Contoso Ltd.\"", "\"Fabrikam\"", false)]
    [InlineData("\"Contoso Ltd.\"", "-", false)]
    [InlineData("\"\"", "-", true)]
    [InlineData("null", "-", true)]
    [InlineData("\"\"", "\"PO-1\"", false)]
    [InlineData("568", "\"568\"", true)]
    public void Strings(string expected, string actual, bool correct) =>
        Compare(FieldType.String, expected, actual).Correct.Should().Be(correct);

    [Theory]
    [InlineData("\"paid\"", "\"PAID\"", true)]
    [InlineData("\"Net 45\"", "\"net 45\"", true)]
    [InlineData("\"paid\"", "\"unpaid\"", false)]
    [InlineData("\"paid\"", "-", false)]
    public void Enums(string expected, string actual, bool correct) =>
        Compare(FieldType.Enum, expected, actual).Correct.Should().Be(correct);

    [Theory]
    [InlineData("\"3751.00\"", "3751", true)]
    [InlineData("\"3751.00\"", "3751.0", true)]
    [InlineData("3751", "3751.00", true)]
    [InlineData("\"19\"", "19", true)]
    [InlineData("\"3751.00\"", "3751.01", false)]
    [InlineData("\"3751.00\"", "\"3751.00\"", true)]
    [InlineData("\"3751.00\"", "-", false)]
    [InlineData("null", "-", true)]
    [InlineData("null", "12", false)]
    public void Numbers(string expected, string actual, bool correct) =>
        Compare(FieldType.Number, expected, actual).Correct.Should().Be(correct);

    [Theory]
    [InlineData("\"3751.00\"", "3751", "EUR", "EUR", true)]
    [InlineData("\"3751.00\"", "3751", "EUR", "eur", true)]
    [InlineData("\"3751.00\"", "3751", "EUR", "USD", false)]
    [InlineData("\"3751.00\"", "3751", "EUR", null, false)]
    [InlineData("\"3751.00\"", "3751", null, "USD", true)]
    [InlineData("\"3751.00\"", "3751", null, null, true)]
    [InlineData("\"3751.00\"", "375.1", "EUR", "EUR", false)]
    [InlineData("{\"amount\":\"15.70\",\"currency\":\"GBP\"}", "15.7", null, "GBP", true)]
    [InlineData("{\"amount\":\"15.70\",\"currency\":\"GBP\"}", "15.7", "EUR", "EUR", false)]
    public void Currency_amounts_and_codes(string expected, string actual, string? expectedCurrency, string? actualCurrency, bool correct) =>
        Compare(FieldType.Currency, expected, actual, expectedCurrency, actualCurrency).Correct.Should().Be(correct);

    [Theory]
    [InlineData("\"2024-03-14\"", "\"2024-03-14\"", true)]
    [InlineData("\"2024-03-14\"", "\" 2024-03-14 \"", true)]
    [InlineData("\"2024-03-14\"", "\"2024-03-15\"", false)]
    [InlineData("\"2024-03-14\"", "\"2024-14-03\"", false)]
    [InlineData("\"2024-03-14\"", "-", false)]
    public void Dates(string expected, string actual, bool correct) =>
        Compare(FieldType.Date, expected, actual).Correct.Should().Be(correct);

    [Theory]
    [InlineData("true", "true", true)]
    [InlineData("false", "false", true)]
    [InlineData("\"yes\"", "true", true)]
    [InlineData("\"no\"", "true", false)]
    [InlineData("true", "false", false)]
    [InlineData("false", "-", false)]
    public void Booleans(string expected, string actual, bool correct) =>
        Compare(FieldType.Boolean, expected, actual).Correct.Should().Be(correct);

    [Theory]
    [InlineData("[\"Chair\",\"Desk\"]", "[\"desk\",\" CHAIR \"]", true, 1.0, 1.0)]
    [InlineData("[\"Chair\",\"Desk\"]", "[\"Chair\"]", false, 1.0, 0.5)]
    [InlineData("[\"Chair\",\"Desk\"]", "[\"Chair\",\"Desk\",\"Lamp\",\"Pen\"]", false, 0.5, 1.0)]
    [InlineData("[\"Chair\",\"Desk\"]", "[\"Lamp\"]", false, 0.0, 0.0)]
    [InlineData("[\"Chair\",\"Desk\"]", "-", false, 0.0, 0.0)]
    [InlineData("[{\"description\":\"Chair\",\"amount\":\"1.00\"},{\"description\":\"Desk\"}]", "[\"chair\",\"desk\"]", true, 1.0, 1.0)]
    [InlineData("[{\"sku\":\"A-1\",\"qty\":2}]", "[\"a-1\"]", true, 1.0, 1.0)]
    [InlineData("[]", "-", true, 1.0, 1.0)]
    [InlineData("[]", "[\"Chair\"]", false, 0.0, 1.0)]
    public void Lists_as_sets_with_precision_and_recall(string expected, string actual, bool correct, double precision, double recall)
    {
        var comparison = Compare(FieldType.List, expected, actual);
        comparison.Correct.Should().Be(correct);
        comparison.Precision.Should().BeApproximately(precision, 1e-9);
        comparison.Recall.Should().BeApproximately(recall, 1e-9);
    }

    [Fact]
    public void A_missing_stored_field_is_treated_as_not_found()
    {
        FieldComparer.Compare(Field(FieldType.String), JsonValue.Create("x"), null, null).Correct.Should().BeFalse();
        FieldComparer.Compare(Field(FieldType.String), null, null, null).Correct.Should().BeTrue();
    }

    [Fact]
    public void A_found_but_unreadable_answer_is_wrong_even_when_nothing_is_expected()
    {
        var unreadable = new FieldResult { Found = true, Value = null, Raw = "??", Issue = "unparsed" };
        FieldComparer.Compare(Field(FieldType.Number), JsonValue.Create("5"), null, unreadable).Correct.Should().BeFalse();
        FieldComparer.Compare(Field(FieldType.Number), null, null, unreadable).Correct.Should().BeFalse();
    }

    [Theory]
    [InlineData(FieldType.Number, "\"twelve\"")]
    [InlineData(FieldType.Currency, "\"lots\"")]
    [InlineData(FieldType.Boolean, "\"maybe\"")]
    [InlineData(FieldType.List, "\"Chair\"")]
    [InlineData(FieldType.Date, "{\"y\":2024}")]
    public void Truth_values_that_do_not_fit_the_type_are_reported_with_the_field(FieldType type, string expected)
    {
        foreach (var actual in new[] { "1", "-" })
        {
            var act = () => FieldComparer.Compare(Field(type), JsonNode.Parse(expected), null, Actual(actual));
            act.Should().Throw<TruthInvalidException>()
                .Where(e => e.Code == EvaluationErrorCodes.TruthInvalid && e.Field == "f" && e.Message.Contains("'f'"));
        }
    }
}
