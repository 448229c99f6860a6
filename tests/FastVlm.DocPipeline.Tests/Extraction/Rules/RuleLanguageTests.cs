using FastVlm.DocPipeline.Extraction.Rules;

namespace FastVlm.DocPipeline.Tests.Extraction.Rules;

public sealed class RuleLanguageTests
{
    private static RuleTestSchema Invoice(decimal subtotal, decimal tax, decimal total)
    {
        var document = new RuleTestSchema();
        document.Values["subtotal"] = RuleValue.Of(subtotal);
        document.Values["tax"] = RuleValue.Of(tax);
        document.Values["total"] = RuleValue.Of(total);
        return document;
    }

    [Theory]
    [InlineData("total == subtotal + tax", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("total == subtotal + tax", 100, 19, 118.99, RuleStatus.Failed)]
    [InlineData("total == subtotal + tax within 0.01", 100, 19, 118.99, RuleStatus.Passed)]
    [InlineData("total == subtotal + tax within 0.01", 100, 19, 118.98, RuleStatus.Failed)]
    [InlineData("total == subtotal + tax within 1%", 100, 19, 118, RuleStatus.Passed)]
    [InlineData("total == subtotal + tax within 1%", 100, 19, 117, RuleStatus.Failed)]
    [InlineData("total != subtotal", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("total > subtotal", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("total < subtotal", 100, 19, 119, RuleStatus.Failed)]
    [InlineData("tax <= subtotal * 0.25", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("tax >= subtotal / 4", 100, 19, 119, RuleStatus.Failed)]
    [InlineData("-(total - subtotal) == -tax", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("abs(subtotal - total) == tax", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("(subtotal + tax) * 2 == total * 2", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("subtotal + tax * 2 == 138", 100, 19, 119, RuleStatus.Passed)]
    [InlineData("subtotal - tax - 1 == 80", 100, 19, 119, RuleStatus.Passed)]
    public void Scalar_rules_follow_arithmetic_precedence_and_tolerances(string rule, double subtotal, double tax, double total, RuleStatus expected)
    {
        var outcome = Invoice((decimal)subtotal, (decimal)tax, (decimal)total).Check(rule);

        outcome.Status.Should().Be(expected, outcome.Detail);
    }

    [Fact]
    public void A_failed_rule_names_its_fields_and_says_what_did_not_hold()
    {
        var outcome = Invoice(100, 19, 120).Check("total == subtotal + tax");

        outcome.Status.Should().Be(RuleStatus.Failed);
        outcome.Fields.Should().Equal("total", "subtotal", "tax");
        outcome.Detail.Should().Be("120 == 119 does not hold");
        outcome.Issue.Should().Be("rule_failed: total == subtotal + tax");
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-31", RuleStatus.Passed)]
    [InlineData("2026-03-01", "2026-03-01", RuleStatus.Passed)]
    [InlineData("2026-03-02", "2026-03-01", RuleStatus.Failed)]
    public void Dates_are_compared(string invoiceDate, string dueDate, RuleStatus expected)
    {
        var document = new RuleTestSchema();
        document.Values["invoiceDate"] = RuleValue.Of(DateOnly.Parse(invoiceDate, System.Globalization.CultureInfo.InvariantCulture));
        document.Values["dueDate"] = RuleValue.Of(DateOnly.Parse(dueDate, System.Globalization.CultureInfo.InvariantCulture));

        document.Check("dueDate >= invoiceDate").Status.Should().Be(expected);
    }

    [Fact]
    public void A_missing_value_leaves_the_rule_not_evaluated_never_failed()
    {
        var document = Invoice(100, 19, 119);
        document.Values.Remove("tax");

        var outcome = document.Check("total == subtotal + tax");

        outcome.Status.Should().Be(RuleStatus.NotEvaluated);
        outcome.Detail.Should().Contain("'tax'");
    }

    [Fact]
    public void Sums_and_counts_read_the_table()
    {
        var document = Invoice(70, 0, 70).WithLine(2, 10, 20).WithLine(5, 10, 50);

        document.Check("sum(lineItems.amount) == subtotal").Status.Should().Be(RuleStatus.Passed);
        document.Check("count(lineItems) == 2").Status.Should().Be(RuleStatus.Passed);
        document.Check("count(lineItems.quantity) == 3").Status.Should().Be(RuleStatus.Failed);
        document.Check("sum(lineItems.quantity) * 10 == subtotal").Status.Should().Be(RuleStatus.Passed);
    }

    [Fact]
    public void A_per_row_rule_is_checked_on_every_row_and_names_the_rows_that_fail()
    {
        var document = new RuleTestSchema().WithLine(2, 10, 20).WithLine(3, 9.99m, 29.97m).WithLine(4, 10, 41).WithLine(1, 0.333m, 0.33m);

        var outcome = document.Check("quantity * unitPrice == amount within 0.01", forEach: "lineItems");

        outcome.Status.Should().Be(RuleStatus.Failed);
        outcome.FailedRows.Should().Equal(3);
        outcome.Detail.Should().StartWith("1 of 4 rows fail; row 3: 40 == 41");
        outcome.Fields.Should().Equal("lineItems");
    }

    [Fact]
    public void A_per_row_rule_where_no_row_has_every_value_is_not_evaluated_and_says_why()
    {
        var document = new RuleTestSchema();
        document.LineItems.Add(new Dictionary<string, RuleValue> { ["quantity"] = RuleValue.Of(2), ["amount"] = RuleValue.Of(20) });

        var outcome = document.Check("quantity * unitPrice == amount", forEach: "lineItems");

        outcome.Status.Should().Be(RuleStatus.NotEvaluated);
        outcome.Detail.Should().Be("no row has every value; row 1: 'unitPrice' has no value");
    }

    [Fact]
    public void A_sum_over_an_empty_cell_is_not_evaluated()
    {
        var document = Invoice(20, 0, 20).WithLine(2, 10, 20);
        document.LineItems.Add(new Dictionary<string, RuleValue> { ["amount"] = RuleValue.Missing });

        document.Check("sum(lineItems.amount) == subtotal").Status.Should().Be(RuleStatus.NotEvaluated);
    }

    [Fact]
    public void Division_by_a_value_of_zero_is_not_evaluated()
    {
        var outcome = Invoice(0, 0, 10).Check("total / subtotal == 2");

        outcome.Status.Should().Be(RuleStatus.NotEvaluated);
        outcome.Detail.Should().Be("division by zero");
    }

    [Fact]
    public void Arithmetic_that_overflows_is_not_evaluated()
    {
        var outcome = Invoice(79_000_000_000_000_000_000_000_000m, 0, 1).Check("subtotal * subtotal == total");

        outcome.Status.Should().Be(RuleStatus.NotEvaluated);
        outcome.Detail.Should().Contain("out of range");
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("total", 6, "expected a comparison")]
    [InlineData("total = subtotal", 7, "'=='")]
    [InlineData("total == subtotal +", 20, "found the end of the rule")]
    [InlineData("total == (subtotal + tax", 25, "expected ')'")]
    [InlineData("total == subtotal tax", 19, "unexpected 'tax'")]
    [InlineData("total == 1.2.3", 10, "not a number")]
    [InlineData("total == 1000000000000000000000000000000", 10, "too large")]
    [InlineData("total == subtotal / 0", 19, "division by zero")]
    [InlineData("total == max(subtotal)", 10, "unknown function 'max'")]
    [InlineData("total == sum(lineItems.amount, tax)", 30, "one argument")]
    [InlineData("total == subtotal within", 25, "tolerance")]
    [InlineData("total == subtotal; drop", 18, "unexpected character ';'")]
    [InlineData("total == System.IO.File.Delete(x)", 19, "unexpected '.'")]
    [InlineData("within == 1", 1, "'within' must follow")]
    public void Syntax_errors_point_at_the_column(string rule, int column, string problem)
    {
        var parse = () => RuleParser.Parse(rule);

        var error = parse.Should().Throw<RuleSyntaxException>().Which;
        error.Position.Should().Be(column);
        error.Problem.Should().Contain(problem);
        error.Code.Should().Be("schema.rule_invalid");
        error.Message.Should().StartWith($"rule '{rule}', column {column}:");
    }

    [Theory]
    [InlineData("totl == subtotal", "unknown field 'totl'")]
    [InlineData("vendor == 1", "'vendor' is text")]
    [InlineData("dueDate == total", "cannot compare a date with a number")]
    [InlineData("dueDate - invoiceDate == 30", "computes with numbers, not a date")]
    [InlineData("dueDate >= invoiceDate within 2", "tolerance applies to numbers")]
    [InlineData("lineItems == 3", "'lineItems' is a table")]
    [InlineData("lineItems.amount == 3", "whole column")]
    [InlineData("sum(lineItems.description) == 3", "sum() needs a number column")]
    [InlineData("sum(lineItems.price) == 3", "has no column 'price'")]
    [InlineData("sum(total) == 3", "sum() needs a number column")]
    [InlineData("count(total) == 3", "count() needs a table")]
    [InlineData("sum(vendor.name) == 3", "'vendor' is not a table field")]
    public void Binding_against_the_schema_catches_unknown_names_and_wrong_types(string rule, string problem)
    {
        var bind = () => RuleBinder.Bind(RuleParser.Parse(rule), new RuleTestSchema());

        bind.Should().Throw<RuleSyntaxException>().Which.Problem.Should().Contain(problem);
    }

    [Fact]
    public void A_per_row_rule_needs_a_table()
    {
        var bind = () => RuleBinder.Bind(RuleParser.Parse("quantity == 1", forEach: "total"), new RuleTestSchema());

        bind.Should().Throw<RuleSyntaxException>().Which.Problem.Should().Contain("not a table field");
    }

    [Fact]
    public void Deep_nesting_is_refused_instead_of_overflowing_the_stack()
    {
        var deep = new string('(', 5_000) + "total" + new string(')', 5_000) + " == 1";
        var minus = new string('-', 900) + "total == 1";

        var parseDeep = () => RuleParser.Parse(deep);
        var parseMinus = () => RuleParser.Parse(minus);

        parseDeep.Should().Throw<RuleSyntaxException>().Which.Problem.Should().Contain("limit is 1000");
        parseMinus.Should().Throw<RuleSyntaxException>().Which.Problem.Should().Contain("deeper than 32");
        var nested = new string('(', 40) + "total" + new string(')', 40) + " == 1";
        ((Action)(() => RuleParser.Parse(nested))).Should().Throw<RuleSyntaxException>().Which.Problem.Should().Contain("deeper than 32");
        RuleParser.Parse(new string('(', 30) + "total" + new string(')', 30) + " == 1").Comparison.Should().Be(ComparisonOperator.Equal);
    }
}
