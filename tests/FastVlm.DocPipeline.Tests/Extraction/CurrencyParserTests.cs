using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class CurrencyParserTests
{
    [Theory]
    [InlineData("$1,234.56", '.', null, "1234.56", "USD")]
    [InlineData("US$ 10", '.', null, "10", "USD")]
    [InlineData("CA$ 10.00", '.', null, "10.00", "CAD")]
    [InlineData("€ 99,90", ',', null, "99.90", "EUR")]
    [InlineData("1.234,56 €", '.', null, "1234.56", "EUR")]
    [InlineData("£12.50", '.', null, "12.50", "GBP")]
    [InlineData("¥1,200", '.', null, "1200", "JPY")]
    [InlineData("USD 1,000.00", '.', null, "1000.00", "USD")]
    [InlineData("1 000,00 eur", ',', null, "1000.00", "EUR")]
    [InlineData("CHF 1'250.00", '.', null, "1250.00", "CHF")]
    [InlineData("₹ 5,000", '.', null, "5000", "INR")]
    [InlineData("250 euros", '.', null, "250", "EUR")]
    [InlineData("(12.00)", '.', "GBP", "-12.00", "GBP")]
    [InlineData("-$5.00", '.', null, "-5.00", "USD")]
    [InlineData("$-5.00", '.', null, "-5.00", "USD")]
    [InlineData("42.00", '.', "SEK", "42.00", "SEK")]
    [InlineData("42.00", '.', null, "42.00", null)]
    public void Reads_amount_and_iso_code(string text, char decimalSeparator, string? defaultCurrency, string amount, string? currency)
    {
        CurrencyParser.TryParse(text, decimalSeparator, defaultCurrency, out var value, out var code).Should().BeTrue();
        value.Should().Be(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture));
        code.Should().Be(currency);
    }

    [Fact]
    public void A_currency_without_an_amount_is_not_an_amount()
    {
        CurrencyParser.TryParse("EUR", '.', null, out _, out var code).Should().BeFalse();
        code.Should().Be("EUR");
    }
}
