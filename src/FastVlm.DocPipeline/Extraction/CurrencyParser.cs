using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads an amount and its ISO 4217 currency: symbols (<c>$</c>, <c>€</c>, <c>£</c>, <c>¥</c>, <c>CA$</c>, …),
/// codes (<c>USD</c>, <c>eur</c>) and names (<c>euros</c>), with any grouping style <see cref="NumberParser"/> reads.
/// </summary>
public static partial class CurrencyParser
{
    // Longest first, so "US$" wins over "$".
    private static readonly (string Symbol, string Code)[] Symbols =
    [
        ("US$", "USD"), ("CA$", "CAD"), ("AU$", "AUD"), ("NZ$", "NZD"), ("HK$", "HKD"), ("NT$", "TWD"), ("MX$", "MXN"),
        ("CN¥", "CNY"), ("JP¥", "JPY"), ("R$", "BRL"), ("C$", "CAD"), ("A$", "AUD"), ("S$", "SGD"),
        ("Fr.", "CHF"), ("zł", "PLN"), ("Kč", "CZK"), ("Rs.", "INR"), ("Rs", "INR"), ("RMB", "CNY"),
        ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"), ("₹", "INR"), ("₩", "KRW"), ("₽", "RUB"),
        ("₺", "TRY"), ("₪", "ILS"), ("₫", "VND"), ("₱", "PHP"), ("฿", "THB"), ("₴", "UAH"), ("元", "CNY"), ("円", "JPY"),
    ];

    private static readonly (string Word, string Code)[] Names =
    [
        ("dollars", "USD"), ("dollar", "USD"), ("euros", "EUR"), ("euro", "EUR"), ("pounds", "GBP"), ("pound", "GBP"),
        ("yen", "JPY"), ("yuan", "CNY"), ("rupees", "INR"), ("francs", "CHF"), ("franken", "CHF"),
    ];

    private static readonly HashSet<string> IsoCodes = new(StringComparer.Ordinal)
    {
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN",
        "CZK", "HUF", "RON", "BGN", "ISK", "TRY", "RUB", "UAH", "INR", "PKR", "BDT", "LKR", "IDR", "MYR", "THB",
        "VND", "PHP", "KRW", "TWD", "ILS", "AED", "SAR", "QAR", "KWD", "BHD", "OMR", "EGP", "ZAR", "NGN", "KES",
        "MAD", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "UYU",
    };

    private const string SymbolChars = "$€£¥₹₩₽₺₪₫₱฿₴元円";

    /// <summary>Reads an amount; <paramref name="currency"/> is the detected code, else <paramref name="defaultCurrency"/>.</summary>
    public static bool TryParse(string? text, char decimalSeparator, string? defaultCurrency, out decimal amount, out string? currency)
    {
        var reading = Read(text, decimalSeparator, defaultCurrency, out currency);
        amount = reading.Value ?? 0;
        return reading.IsNumber;
    }

    /// <summary>
    /// Reads the one amount of an answer (see <see cref="NumberParser.Read"/>: a range or a second amount is
    /// <see cref="AnswerIssues.AmbiguousNumber"/>); <paramref name="currency"/> is set even when no amount is read.
    /// </summary>
    public static NumberReading Read(string? text, char decimalSeparator, string? defaultCurrency, out string? currency)
    {
        currency = DetectCurrency(text) ?? defaultCurrency;
        return NumberParser.Read(text, decimalSeparator);
    }

    /// <summary>The ISO code a text names by code, symbol or word; null when none.</summary>
    public static string? DetectCurrency(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        foreach (Match match in CodePattern().Matches(text.ToUpperInvariant()))
        {
            if (IsoCodes.Contains(match.Value))
            {
                return match.Value;
            }
        }

        foreach (var (symbol, code) in Symbols)
        {
            if (text.Contains(symbol, StringComparison.Ordinal))
            {
                return code;
            }
        }

        foreach (Match match in WordPattern().Matches(text.ToLowerInvariant()))
        {
            foreach (var (word, code) in Names)
            {
                if (match.Value == word)
                {
                    return code;
                }
            }
        }

        return null;
    }

    internal static bool IsSymbolChar(char c) => SymbolChars.Contains(c) || char.IsAsciiLetter(c);

    [GeneratedRegex(@"(?<![A-Z])[A-Z]{3}(?![A-Z])")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
