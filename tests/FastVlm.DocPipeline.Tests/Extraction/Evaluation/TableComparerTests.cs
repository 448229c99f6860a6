using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Evaluation;

namespace FastVlm.DocPipeline.Tests.Extraction.Evaluation;

/// <summary>Table fields scored row by row on hand-built truth and predictions whose outcome is known.</summary>
public sealed class TableComparerTests
{
    private static readonly SchemaField Table = new()
    {
        Name = "lineItems",
        Question = "What are the line items?",
        Type = FieldType.Table,
        Columns =
        [
            new TableColumn { Name = "description" },
            new TableColumn { Name = "quantity", Type = FieldType.Number },
            new TableColumn { Name = "amount", Type = FieldType.Currency },
            new TableColumn { Name = "shipped", Type = FieldType.Date },
        ],
    };

    private static readonly (string Description, decimal Quantity, decimal Amount, string Shipped)[] Lines =
    [
        ("Office chair", 2, 578.00m, "2026-03-01"),
        ("Desk, oak", 1, 649.50m, "2026-03-02"),
        ("Delivery", 1, 120.00m, "2026-03-03"),
    ];

    /// <summary>The truth as a truth file writes it: strings, amounts as text, a column key in another case.</summary>
    private static JsonArray Truth() => new(Lines.Select(l => (JsonNode)new JsonObject
    {
        ["Description"] = l.Description,
        ["quantity"] = l.Quantity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        ["amount"] = l.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        ["shipped"] = l.Shipped,
        ["note"] = "not a column",
    }).ToArray());

    private static FieldResult Extracted(IEnumerable<(string Description, decimal Quantity, decimal Amount, string Shipped)> lines, string? currency = null) => new()
    {
        Found = true,
        Rows = lines.Select(l => new TableRowResult
        {
            Page = 1,
            Cells = new Dictionary<string, TableCellResult>
            {
                ["description"] = new() { Value = JsonValue.Create(l.Description.ToUpperInvariant() + "  "), Raw = l.Description },
                ["quantity"] = new() { Value = JsonValue.Create(l.Quantity) },
                ["amount"] = new() { Value = JsonValue.Create(l.Amount), Currency = currency },
                ["shipped"] = new() { Value = JsonValue.Create(l.Shipped) },
            },
        }).ToArray(),
    };

    private static TableScore Score(FieldResult actual, string? currency = null, bool correct = false)
    {
        var comparison = FieldComparer.Compare(Table, Truth(), currency, actual);
        comparison.Correct.Should().Be(correct);
        comparison.Precision.Should().Be(comparison.Table!.Precision);
        comparison.Recall.Should().Be(comparison.Table.Recall);
        return comparison.Table;
    }

    private static IEnumerable<(string, double?)> ColumnAccuracies(TableScore score) => score.Columns.Select(c => (c.Column, c.Accuracy));

    [Fact]
    public void The_same_rows_in_another_order_are_all_correct()
    {
        var score = Score(Extracted([Lines[2], Lines[0], Lines[1]], currency: "EUR"), currency: "EUR", correct: true);

        (score.CorrectRows, score.MatchedRows, score.Precision, score.Recall).Should().Be((3, 3, 1.0, 1.0));
        ColumnAccuracies(score).Should().Equal(("description", 1.0), ("quantity", 1.0), ("amount", 1.0), ("shipped", 1.0));
        score.UnscoredKeys.Should().Equal("note");
    }

    [Fact]
    public void A_missing_row_lowers_recall_only()
    {
        var score = Score(Extracted([Lines[0], Lines[2]]));

        (score.CorrectRows, score.ExtractedRows, score.ExpectedRows, score.Precision).Should().Be((2, 2, 3, 1.0));
        score.Recall.Should().BeApproximately(2 / 3.0, 1e-12);
        ColumnAccuracies(score).Select(c => c.Item2).Should().OnlyContain(a => Math.Abs(a!.Value - 2 / 3.0) < 1e-12);
    }

    [Fact]
    public void An_extra_row_lowers_precision_only()
    {
        var score = Score(Extracted([.. Lines, ("Gift wrap", 1, 5.00m, "2026-03-04")]));

        (score.CorrectRows, score.ExtractedRows, score.Recall, score.Precision).Should().Be((3, 4, 1.0, 0.75));
        ColumnAccuracies(score).Select(c => c.Item2).Should().OnlyContain(a => a == 1.0);
    }

    [Fact]
    public void One_wrong_cell_makes_its_row_wrong_and_costs_only_its_column()
    {
        var score = Score(Extracted([Lines[0], Lines[1] with { Amount = 694.50m }, Lines[2]]));

        (score.CorrectRows, score.MatchedRows).Should().Be((2, 3), "the wrong row is still paired with its truth row by its other cells");
        score.Precision.Should().BeApproximately(2 / 3.0, 1e-12);
        score.Recall.Should().BeApproximately(2 / 3.0, 1e-12);
        ColumnAccuracies(score).Should().Equal(("description", 1.0), ("quantity", 1.0), ("amount", 2 / 3.0), ("shipped", 1.0));
    }

    [Fact]
    public void A_currency_code_the_cell_gives_must_match_the_truths_and_one_it_does_not_give_is_not_required()
    {
        Score(Extracted(Lines, currency: "USD"), currency: "EUR").Columns.Single(c => c.Column == "amount").Correct.Should().Be(0);
        Score(Extracted(Lines), currency: "EUR", correct: true).CorrectRows.Should().Be(3);
    }

    [Fact]
    public void A_date_in_another_form_or_a_number_written_differently_is_compared_by_value()
    {
        var actual = Extracted(Lines);
        var row = actual.Rows![0];
        var cells = new Dictionary<string, TableCellResult>(row.Cells)
        {
            ["quantity"] = new() { Value = JsonValue.Create("2") },
            ["shipped"] = new() { Value = JsonValue.Create("2026-03-09") },
        };
        actual = actual with { Rows = [row with { Cells = cells }, .. actual.Rows.Skip(1)] };

        var score = Score(actual);

        ColumnAccuracies(score).Should().Equal(("description", 1.0), ("quantity", 1.0), ("amount", 1.0), ("shipped", 2 / 3.0));
    }

    [Fact]
    public void No_rows_where_the_truth_has_none_is_correct_and_rows_there_are_not()
    {
        FieldComparer.Compare(Table, new JsonArray(), null, new FieldResult { Found = false }).Should().Be(new FieldComparison(true, 1, 1));
        FieldComparer.Compare(Table, new JsonArray(), null, Extracted(Lines)).Correct.Should().BeFalse();
        Score(new FieldResult { Found = false }).Should().BeEquivalentTo(new { CorrectRows = 0, ExtractedRows = 0, Recall = 0.0, Precision = 0.0 });
    }

    [Fact]
    public void A_truth_row_that_is_not_an_object_is_reported_with_the_field_name()
    {
        var act = () => FieldComparer.Compare(Table, new JsonArray("Office chair"), null, Extracted(Lines));

        act.Should().Throw<TruthInvalidException>().Which.Message.Should().Contain("lineItems").And.Contain("not an object");
    }
}
