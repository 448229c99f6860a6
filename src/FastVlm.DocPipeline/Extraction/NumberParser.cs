using System.Globalization;
using System.Text;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads the first number in a text whatever its grouping style: <c>1,234.56</c>, <c>1.234,56</c>,
/// <c>1 234,56</c>, <c>1'234.56</c>, <c>(12.00)</c>, <c>-12</c>, <c>12.00-</c>. When one separator
/// followed by exactly three digits is ambiguous (<c>1.234</c>), the locale's decimal separator decides.
/// </summary>
public static class NumberParser
{
    private const string Minus = "-\u2212\u2012\u2013";

    /// <param name="decimalSeparator"><c>'.'</c> or <c>','</c>: the locale's decimal separator.</param>
    public static bool TryParse(string? text, char decimalSeparator, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var start = IndexOfDigit(text, 0);
        if (start < 0)
        {
            return false;
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

        if (!TryBuildInvariant(text.AsSpan(start, end - start + 1), decimalSeparator, out var invariant))
        {
            return false;
        }

        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (IsNegative(text, start, end))
        {
            value = -value;
        }

        return true;
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
