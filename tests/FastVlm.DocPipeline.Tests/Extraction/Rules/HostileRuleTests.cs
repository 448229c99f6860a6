using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Rules;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Tests.Extraction.Rules;

/// <summary>Rules over what extraction really stores: text and boolean cells, tolerances at their edge, literals and characters that hide.</summary>
public sealed class HostileRuleTests
{
    private const string LinesSchema = """
        {
          "name": "lines", "version": "1",
          "rules": [
            "count(items.description) == count(items)",
            "count(items.paid) == count(items)",
            "count(items.amount) == count(items)"
          ],
          "fields": [
            { "name": "items", "question": "What are the line items?", "type": "table",
              "columns": [
                { "name": "description", "type": "string" },
                { "name": "paid", "type": "boolean" },
                { "name": "amount", "type": "currency" } ] }
          ]
        }
        """;

    [Fact]
    public void Count_counts_every_non_empty_cell_of_a_text_boolean_or_number_column()
    {
        var schema = SchemaLoader.Parse(LinesSchema);
        var table = schema.Fields.Single();
        var answer = AnswerNormalizer.ToPageAnswer(schema, table, Generated("Chair | yes | 10.00\nDesk | no | 20.00"));

        var merged = FieldMerger.Merge(schema, [new PageAnswers(1, new Dictionary<string, PageAnswer> { ["items"] = answer })], pageCount: 1);

        merged.Rules.Select(r => (r.Rule, r.Status, r.Detail)).Should().Equal(
            ("count(items.description) == count(items)", "passed", null),
            ("count(items.paid) == count(items)", "passed", null),
            ("count(items.amount) == count(items)", "passed", null));
    }

    [Fact]
    public void Count_leaves_out_empty_cells_whatever_their_type()
    {
        var schema = SchemaLoader.Parse(LinesSchema);
        var table = schema.Fields.Single();
        var answer = AnswerNormalizer.ToPageAnswer(schema, table, Generated("Chair | yes | 10.00\nDesk | | 20.00"));

        var merged = FieldMerger.Merge(schema, [new PageAnswers(1, new Dictionary<string, PageAnswer> { ["items"] = answer })], pageCount: 1);

        merged.Rules.Select(r => (r.Rule, r.Status, r.Detail)).Should().Equal(
            ("count(items.description) == count(items)", "passed", null),
            ("count(items.paid) == count(items)", "failed", "1 == 2 does not hold"),
            ("count(items.amount) == count(items)", "passed", null));
    }

    [Theory]
    // within t forgives a difference of at most t: a < b within t holds when a <= b + t.
    [InlineData("total < subtotal within 0.01", 100.01, RuleStatus.Passed)]
    [InlineData("total < subtotal within 0.01", 100.00, RuleStatus.Passed)]
    [InlineData("total < subtotal within 0.01", 99.00, RuleStatus.Passed)]
    [InlineData("total < subtotal within 0.01", 100.02, RuleStatus.Failed)]
    [InlineData("total > subtotal within 0.01", 99.99, RuleStatus.Passed)]
    [InlineData("total > subtotal within 0.01", 99.98, RuleStatus.Failed)]
    [InlineData("total < subtotal", 100.00, RuleStatus.Failed)]
    [InlineData("total > subtotal", 100.00, RuleStatus.Failed)]
    [InlineData("total != subtotal within 0.01", 100.01, RuleStatus.Failed)]
    [InlineData("total != subtotal within 0.01", 100.02, RuleStatus.Passed)]
    public void Strict_comparisons_forgive_a_difference_within_the_tolerance(string rule, double total, RuleStatus expected)
    {
        var document = new RuleTestSchema();
        document.Values["subtotal"] = RuleValue.Of(100m);
        document.Values["total"] = RuleValue.Of((decimal)total);

        document.Check(rule).Status.Should().Be(expected);
    }

    [Theory]
    [InlineData("total == subtotal within 0.0000000000000000000000000000000001", "would round to 0")]
    [InlineData("total == 0.00000000000000000000000000001", "would round to 0")]
    [InlineData("total == 0.0000000000000000000000000012345", "more than 28 digits after the point")]
    [InlineData("total == 1e-34", "has an exponent")]
    [InlineData("total == 1E308", "has an exponent")]
    [InlineData("total == 10000000000000000000000000000000", "too large")]
    public void Literals_that_would_round_to_zero_or_overflow_are_refused(string rule, string expected)
    {
        var act = () => RuleParser.Parse(rule);

        act.Should().Throw<RuleSyntaxException>().Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("total\u200B == subtotal", "U+200B")]
    [InlineData("total == \u202Esubtotal", "U+202E")]
    [InlineData("total ==\uFEFF subtotal", "U+FEFF")]
    public void Invisible_characters_in_a_rule_are_named_by_code_point(string rule, string codePoint)
    {
        var act = () => RuleParser.Parse(rule);

        var message = act.Should().Throw<RuleSyntaxException>().Which.Message;
        message.Should().Contain(codePoint);
        message.Should().NotContain("\u200B").And.NotContain("\u202E").And.NotContain("\uFEFF");
    }

    [Fact]
    public void A_schema_rule_with_an_invisible_character_names_it_by_code_point()
    {
        var json = LinesSchema.Replace("count(items.amount) == count(items)", "count(items.amount) ==\u200B count(items)", StringComparison.Ordinal);

        var act = () => SchemaLoader.Parse(json);

        var error = act.Should().Throw<DocPipelineException>().Which;
        error.Message.Should().Contain("U+200B").And.NotContain("\u200B");
    }

    private static GenerationResult Generated(string text) => new()
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
