using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class SmallParsersTests
{
    [Theory]
    [InlineData("Yes", true)]
    [InlineData("yes.", true)]
    [InlineData("TRUE", true)]
    [InlineData("checked", true)]
    [InlineData("X", true)]
    [InlineData("[x]", true)]
    [InlineData("✓", true)]
    [InlineData("ja", true)]
    [InlineData("Yes, it is signed", true)]
    [InlineData("No", false)]
    [InlineData("false", false)]
    [InlineData("unchecked", false)]
    [InlineData("not checked", false)]
    [InlineData("☐", false)]
    [InlineData("nein", false)]
    [InlineData("No, there is no signature", false)]
    public void Booleans(string text, bool expected)
    {
        BooleanParser.TryParse(text, out var value).Should().BeTrue();
        value.Should().Be(expected);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("the box")]
    public void Booleans_refuse_other_answers(string text)
    {
        BooleanParser.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("Card", "card")]
    [InlineData("  CASH ", "cash")]
    [InlineData("credit card", "card")]
    [InlineData("Paid by card.", "card")]
    [InlineData("cahs", "cash")]
    [InlineData("mobile-pay", "mobile")]
    [InlineData("Mobile", "mobile")]
    public void Enums_match_case_and_space_insensitively_then_closest(string answer, string expected)
    {
        EnumMatcher.Match(answer, ["cash", "card", "mobile", "other"]).Should().Be(expected);
    }

    [Fact]
    public void Enums_match_nothing_when_nothing_is_close()
    {
        EnumMatcher.Match("bitcoin", ["cash", "card"]).Should().BeNull();
    }

    [Theory]
    [InlineData("N/A")]
    [InlineData("n/a.")]
    [InlineData("None")]
    [InlineData("Not found")]
    [InlineData("unanswerable")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("-")]
    [InlineData("There is no due date.")]
    [InlineData("I don’t know")]
    public void Not_present_answers(string answer)
    {
        NotPresentDetector.IsNotPresent(answer).Should().BeTrue();
    }

    [Theory]
    [InlineData("No")]
    [InlineData("0")]
    [InlineData("Nonesuch Ltd")]
    [InlineData("INV-001")]
    public void Real_answers_are_present(string answer)
    {
        NotPresentDetector.IsNotPresent(answer).Should().BeFalse();
    }

    [Theory]
    [InlineData("Widget A\nWidget B\n", new[] { "Widget A", "Widget B" })]
    [InlineData("- Widget A\n- Widget B", new[] { "Widget A", "Widget B" })]
    [InlineData("1. Widget A\n2) Widget B\n3. N/A", new[] { "Widget A", "Widget B" })]
    [InlineData("Widget A; Widget B ;Widget C", new[] { "Widget A", "Widget B", "Widget C" })]
    [InlineData("• Bolts, 10 mm • Nuts", new[] { "Bolts, 10 mm", "Nuts" })]
    [InlineData("Consulting, March", new[] { "Consulting, March" })]
    [InlineData("none", new string[0])]
    public void Lists_split_on_lines_semicolons_and_bullets(string answer, string[] expected)
    {
        ListSplitter.Split(answer).Should().Equal(expected);
    }
}
