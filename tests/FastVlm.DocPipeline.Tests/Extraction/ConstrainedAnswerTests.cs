using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public sealed class ConstrainedAnswerTests
{
    private static readonly SchemaField Method = new() { Name = "method", Question = "How was it paid?", Type = FieldType.Enum, Values = ["cash", "card"] };

    private static readonly SchemaField Paid = new() { Name = "paid", Question = "Is it paid?", Type = FieldType.Boolean };

    [Fact]
    public void The_most_likely_value_wins_with_its_probability_normalised_over_the_candidates()
    {
        var answer = ConstrainedAnswer.ToPageAnswer(Method, [Math.Log(0.2), Math.Log(0.6), Math.Log(0.2)]);

        answer.Raw.Should().Be("card");
        answer.Value!.GetValue<string>().Should().Be("card");
        answer.Found.Should().BeTrue();
        answer.Confidence.Should().BeApproximately(0.6, 1e-12);
    }

    [Fact]
    public void Very_small_log_probabilities_do_not_underflow()
    {
        var answer = ConstrainedAnswer.ToPageAnswer(Method, [-2000, -2000 - Math.Log(3), -5000]);

        answer.Raw.Should().Be("cash");
        answer.Confidence.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void An_enum_competes_with_not_present_and_can_be_not_found()
    {
        ConstrainedAnswer.Candidates(Method).Should().Equal("cash", "card", ConstrainedAnswer.NotPresent);

        var answer = ConstrainedAnswer.ToPageAnswer(Method, [-3, -4, -1]);

        answer.Found.Should().BeFalse();
        answer.Value.Should().BeNull();
    }

    [Fact]
    public void A_boolean_is_yes_or_no()
    {
        ConstrainedAnswer.Candidates(Paid).Should().Equal("Yes", "No");

        ConstrainedAnswer.ToPageAnswer(Paid, [-0.1, -2.5]).Value!.GetValue<bool>().Should().BeTrue();
        ConstrainedAnswer.ToPageAnswer(Paid, [-2.5, -0.1]).Value!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public void Scores_that_do_not_match_the_candidates_are_refused()
    {
        var answer = () => ConstrainedAnswer.ToPageAnswer(Method, [-1, -2]);

        answer.Should().Throw<ArgumentException>().Which.Message.Should().Contain("Expected 3 scores");
        ConstrainedAnswer.Applies(new SchemaField { Name = "x", Question = "q" }).Should().BeFalse();
    }
}
