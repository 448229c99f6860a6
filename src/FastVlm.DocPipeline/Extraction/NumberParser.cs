using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads the one number in a text whatever its grouping style: <c>1,234.56</c>, <c>1.234,56</c>,
/// <c>1 234,56</c>, <c>1'234.56</c>, <c>(12.00)</c>, <c>-12</c>, <c>12.00-</c>. When one separator
/// followed by exactly three digits is ambiguous (<c>1.234</c>), the locale's decimal separator decides.
/// </summary>
public static class NumberParser
{
    private const string Minus = "-\u2212\u2012\u2013";

    /// <param name="decimalSeparator"><c>'.'</c> or <c>','</c>: the locale's decimal separator.</param>
    /// <returns>True only when the text holds exactly one number in a recognised format (see <see cref="Read"/>).</returns>
    public static bool TryParse(string? text, char decimalSeparator, out decimal value)
    {
        var reading = Read(text, decimalSeparator);
        value = reading.Value ?? 0;
        return reading.IsNumber;
    }

    /// <summary>
    /// Reads the one number of an answer, or says why there is none. Words around the number are allowed
    /// (<c>Total: 99.95 EUR</c>, <c>3 items</c>); a second number anywhere in the text is not, because which one
    /// is meant cannot be known: a range (<c>3-4</c>, <c>4 to 5</c>), an expression (<c>1+2</c>), a fraction
    /// (<c>1/3</c>, <c>1½</c>), an exponent (<c>1e3</c>, <c>10³</c>), a comparison (<c>&lt;5</c>, <c>5+</c>) or a list
    /// (<c>12, 13</c>) gives <see cref="AnswerIssues.AmbiguousNumber"/>, never its first number.
    /// </summary>
    /// <param name="text">The answer.</param>
    /// <param name="decimalSeparator"><c>'.'</c> or <c>','</c>: the locale's decimal separator.</param>
    public static NumberReading Read(string? text, char decimalSeparator)
    {
        if (string.IsNullOrEmpty(text))
        {
            return NumberReading.Failed(AnswerIssues.Unparsed);
        }

        var start = IndexOfDigit(text, 0);
        if (start < 0)
        {
            return NumberReading.Failed(AnswerIssues.Unparsed);
        }

        var end = start;
        while (end + 1 < text.Length)
        {
            var next = text[end + 1];
            if (char.IsAsciiDigit(next))
            {
                end++;
            }
            else if (IsSeparator(next) && end + 2 < text.Length && char.IsAsciiDigit(text[end + 2]))
            {
                end += 2;
            }
            else
            {
                break;
            }
        }

        if (HasAnotherNumber(text, start, end) || HasQualifier(text, start, end))
        {
            return NumberReading.Failed(AnswerIssues.AmbiguousNumber);
        }

        // ".5" is not 5; a separator after a word ("Rs.5", "Fr.5") is part of the currency.
        if (start >= 1 && text[start - 1] is '.' or ',' && (start == 1 || !char.IsLetterOrDigit(text[start - 2])))
        {
            return NumberReading.Failed(AnswerIssues.Unparsed);
        }

        var core = text.AsSpan(start, end - start + 1);
        if (!TryBuildInvariant(core, decimalSeparator, out var invariant))
        {
            // "12 13" or "5 100 7": digits apart by a space that is no thousands grouping are two numbers.
            return NumberReading.Failed(core.ContainsAny(" \u00A0\u202F\u2009") ? AnswerIssues.AmbiguousNumber : AnswerIssues.Unparsed);
        }

        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            // Only digits and one point reach here, so the number is too large for a decimal.
            return NumberReading.Failed(AnswerIssues.NumberOutOfRange);
        }

        return NumberReading.Of(IsNegative(text, start, end) ? -value : value);
    }

    /// <summary>The decimal separator of a culture name (<c>'.'</c> when unknown or not <c>'.'</c>/<c>','</c>).</summary>
    public static char DecimalSeparatorOf(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
        {
            return '.';
        }

        try
        {
            var separator = CultureInfo.GetCultureInfo(locale).NumberFormat.NumberDecimalSeparator;
            return separator == "," ? ',' : '.';
        }
        catch (CultureNotFoundException)
        {
            return '.';
        }
    }

    private static bool TryBuildInvariant(ReadOnlySpan<char> core, char decimalSeparator, out string invariant)
    {
        invariant = "";
        var groups = new List<string>();
        var separators = new List<char>();
        var current = new StringBuilder();
        foreach (var c in core)
        {
            if (char.IsAsciiDigit(c))
            {
                current.Append(c);
            }
            else
            {
                groups.Add(current.ToString());
                current.Clear();
                separators.Add(c is '.' or ',' ? c : ' ');
            }
        }

        groups.Add(current.ToString());
        if (separators.Count == 0)
        {
            invariant = groups[0];
            return true;
        }

        // Which separator (if any) is the decimal point: the last '.'/',' when the other kind also
        // occurs; a single '.'/',' unless exactly three digits follow it (then the locale decides).
        var decimalIndex = -1;
        var lastPoint = separators.FindLastIndex(s => s is '.' or ',');
        if (lastPoint >= 0)
        {
            var kind = separators[lastPoint];
            var digitsAfter = groups[lastPoint + 1].Length;
            if (separators.Any(s => s is '.' or ',' && s != kind))
            {
                decimalIndex = lastPoint;
            }
            else if (separators.Count(s => s == kind) > 1)
            {
                decimalIndex = digitsAfter == 3 ? -1 : lastPoint;
            }
            else if (lastPoint == separators.Count - 1)
            {
                decimalIndex = digitsAfter != 3 || groups[lastPoint] == "0" || kind == decimalSeparator ? lastPoint : -1;
            }
        }

        var builder = new StringBuilder();
        builder.Append(groups[0]);
        for (var i = 0; i < separators.Count; i++)
        {
            var group = groups[i + 1];
            if (i == decimalIndex)
            {
                builder.Append('.');
            }
            else if (i > decimalIndex && decimalIndex >= 0)
            {
                return false;
            }
            else if (group.Length != 3)
            {
                return false;
            }

            builder.Append(group);
        }

        invariant = builder.ToString();
        return true;
    }

    /// <summary>A digit (of any script, a superscript, a vulgar fraction) outside the number; this also catches the exponent of <c>1e3</c>.</summary>
    private static bool HasAnotherNumber(string text, int start, int end)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if ((i < start || i > end) && char.IsNumber(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A bound or approximation next to the number: <c>&lt;5</c>, <c>≥ 5</c>, <c>~5</c>, <c>5+</c>.</summary>
    private static bool HasQualifier(string text, int start, int end)
    {
        var before = start - 1;
        while (before >= 0 && text[before] == ' ')
        {
            before--;
        }

        if (before >= 0 && "<>\u2264\u2265~\u2248\u00B1".Contains(text[before]))
        {
            return true;
        }

        var after = end + 1;
        return after < text.Length && text[after] is '+' or '\u00B1';
    }

    private static bool IsNegative(string text, int start, int end)
    {
        var i = start - 1;
        while (i >= 0 && (text[i] == ' ' || CurrencyParser.IsSymbolChar(text[i])))
        {
            i--;
        }

        if (i >= 0 && Minus.Contains(text[i]))
        {
            return true;
        }

        if (i >= 0 && text[i] == '(')
        {
            var close = text.IndexOf(')', end + 1);
            return close > end;
        }

        // Accounting style "12.00-", but not the dash inside "2024-03".
        return end + 1 < text.Length && Minus.Contains(text[end + 1]) && (end + 2 >= text.Length || !char.IsAsciiDigit(text[end + 2]));
    }

    private static int IndexOfDigit(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSeparator(char c) => c is '.' or ',' or '\'' or '\u2019' or ' ' or '\u00A0' or '\u202F' or '\u2009';
}
