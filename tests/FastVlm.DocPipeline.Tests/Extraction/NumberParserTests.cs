using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class NumberParserTests
{
    [Theory]
    [InlineData("1234", '.', "1234")]
    [InlineData("1,234.56", '.', "1234.56")]
    [InlineData("1.234,56", '.', "1234.56")]
    [InlineData("1.234,56", ',', "1234.56")]
    [InlineData("1 234,56", ',', "1234.56")]
    [InlineData("1\u00A0234,56", '.', "1234.56")]
    [InlineData("1\u202F234,56", ',', "1234.56")]
    [InlineData("1'234.56", '.', "1234.56")]
    [InlineData("1’234.56", '.', "1234.56")]
    [InlineData("1,234,567", '.', "1234567")]
    [InlineData("1.234.567", ',', "1234567")]
    [InlineData("1,234,567.89", '.', "1234567.89")]
    [InlineData("12,5", '.', "12.5")]
    [InlineData("12.50", ',', "12.50")]
    [InlineData("0,125", '.', "0.125")]
    // One separator and exactly three digits: the locale decides.
    [InlineData("1,234", '.', "1234")]
    [InlineData("1,234", ',', "1.234")]
    [InlineData("1.234", '.', "1.234")]
    [InlineData("1.234", ',', "1234")]
    // Signs and surrounding text.
    [InlineData("-42", '.', "-42")]
    [InlineData("−42.5", '.', "-42.5")]
    [InlineData("(12.00)", '.', "-12.00")]
    [InlineData("12.00-", '.', "-12.00")]
    [InlineData("Total: 99.95 EUR", '.', "99.95")]
    [InlineData("3 items", '.', "3")]
    public void Reads_numbers_in_any_grouping_style(string text, char decimalSeparator, string expected)
    {
        NumberParser.TryParse(text, decimalSeparator, out var value).Should().BeTrue();
        value.Should().Be(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("twelve")]
    public void Refuses_text_without_a_number(string text)
    {
        NumberParser.TryParse(text, '.', out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("12, 13")]
    [InlineData("3-4")]
    [InlineData("1e3")]
    [InlineData("1/3")]
    public void Refuses_more_than_one_number_rather_than_keeping_the_first(string text)
    {
        NumberParser.TryParse(text, '.', out _).Should().BeFalse();
        NumberParser.Read(text, '.').Issue.Should().Be(AnswerIssues.AmbiguousNumber);
    }

    [Theory]
    [InlineData("en-US", '.')]
    [InlineData("de-DE", ',')]
    [InlineData("fr-FR", ',')]
    [InlineData(null, '.')]
    public void Locales_give_the_decimal_separator(string? locale, char expected)
    {
        NumberParser.DecimalSeparatorOf(locale).Should().Be(expected);
    }
}
