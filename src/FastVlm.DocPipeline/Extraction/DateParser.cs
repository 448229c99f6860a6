using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads a calendar date from an answer: ISO (<c>2024-03-05</c>), numeric with any separator
/// (<c>05/03/2024</c>, <c>05.03.24</c>; day/month order from the field's option or locale, unless a part
/// over 12 settles it; dotted dates are day-first unless the order is set explicitly), and month names in
/// English, German, French, Spanish, Italian, Dutch and Portuguese (<c>5 March 2024</c>, <c>Mar 5, 2024</c>,
/// <c>5. März 2024</c>, <c>le 5 mars 2024</c>). Two-digit years pivot at 50 (<c>24</c> → 2024, <c>87</c> → 1987).
/// </summary>
public static partial class DateParser
{
    private static readonly Dictionary<string, int> Months = BuildMonths();

    public static bool TryParse(string? text, DateOrder order, bool orderIsExplicit, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var folded = Fold(text);

        var iso = IsoPattern().Match(folded);
        if (iso.Success)
        {
            return TryCreate(iso.Groups[1].Value, iso.Groups[2].Value, iso.Groups[3].Value, out date);
        }

        var numeric = NumericPattern().Match(folded);
        if (numeric.Success)
        {
            var first = int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(numeric.Groups[3].Value, CultureInfo.InvariantCulture);
            var year = numeric.Groups[4].Value;
            var effective = order == DateOrder.YearMonthDay ? DateOrder.DayMonthYear : order;
            if (!orderIsExplicit && numeric.Groups[2].Value == ".")
            {
                effective = DateOrder.DayMonthYear;
            }

            if (first > 12 && second <= 12)
            {
                effective = DateOrder.DayMonthYear;
            }
            else if (second > 12 && first <= 12)
            {
                effective = DateOrder.MonthDayYear;
            }

            var (day, month) = effective == DateOrder.MonthDayYear ? (second, first) : (first, second);
            return TryCreate(year, month.ToString(CultureInfo.InvariantCulture), day.ToString(CultureInfo.InvariantCulture), out date);
        }

        if (TryParseWithMonthName(folded, out date))
        {
            return true;
        }

        var compact = CompactPattern().Match(folded);
        return compact.Success && TryCreate(compact.Groups[1].Value, compact.Groups[2].Value, compact.Groups[3].Value, out date);
    }

    /// <summary>
    /// How many dates an answer names: each numeric or ISO date counts once, and so does each month name with its
    /// day; a second day or year next to one month name is a range (<c>March 5-7, 2024</c>) and counts as two.
    /// Times of day (<c>10:30</c>) are not dates. More than one means the answer is <see cref="AnswerIssues.AmbiguousDate"/>.
    /// </summary>
    public static int CountDates(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var rest = TimePattern().Replace(Fold(text), " ");
        var count = 0;
        foreach (var pattern in new[] { IsoPattern(), NumericPattern(), CompactPattern() })
        {
            count += pattern.Matches(rest).Count;
            rest = pattern.Replace(rest, " ");
        }

        var months = 0;
        var days = 0;
        var years = 0;
        foreach (Match token in TokenPattern().Matches(rest))
        {
            var value = token.Value;
            if (char.IsAsciiDigit(value[0]))
            {
                if (DigitsPrefix(value).Length == 4)
                {
                    years++;
                }
                else
                {
                    days++;
                }
            }
            else if (LookUpMonth(value) is not null)
            {
                months++;
            }
        }

        if (months == 0)
        {
            return count;
        }

        return count + Math.Max(months, Math.Max(days, years));
    }

    /// <summary>The numeric date order a culture writes (<c>en-US</c> → mdy, <c>de-DE</c> → dmy, <c>ja-JP</c> → ymd).</summary>
    public static DateOrder? OrderOf(string? locale)
    {
        if (string.IsNullOrEmpty(locale))
        {
            return null;
        }

        try
        {
            var pattern = CultureInfo.GetCultureInfo(locale).DateTimeFormat.ShortDatePattern;
            var d = pattern.IndexOf('d');
            var m = pattern.IndexOf('M');
            var y = pattern.IndexOf('y');
            if (d < 0 || m < 0 || y < 0)
            {
                return null;
            }

            return y < m && y < d ? DateOrder.YearMonthDay : m < d ? DateOrder.MonthDayYear : DateOrder.DayMonthYear;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static bool TryParseWithMonthName(string folded, out DateOnly date)
    {
        date = default;
        int? month = null;
        var numbers = new List<string>();
        foreach (Match token in TokenPattern().Matches(folded))
        {
            var value = token.Value;
            if (char.IsAsciiDigit(value[0]))
            {
                numbers.Add(DigitsPrefix(value));
            }
            else if (month is null && LookUpMonth(value) is { } found)
            {
                month = found;
            }
        }

        if (month is null || numbers.Count < 2)
        {
            return false;
        }

        var yearIndex = numbers.FindIndex(n => n.Length == 4);
        if (yearIndex < 0)
        {
            yearIndex = numbers.Count - 1;
        }

        var dayIndex = yearIndex == 0 ? 1 : 0;
        return TryCreate(numbers[yearIndex], month.Value.ToString(CultureInfo.InvariantCulture), numbers[dayIndex], out date);
    }

    private static int? LookUpMonth(string word)
    {
        var key = word.TrimEnd('.');
        if (Months.TryGetValue(key, out var month))
        {
            return month;
        }

        // "sept", "janv", "febr": a prefix of exactly one month name, at least three letters long.
        if (key.Length >= 3)
        {
            var matches = Months.Where(m => m.Key.StartsWith(key, StringComparison.Ordinal)).Select(m => m.Value).Distinct().ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return null;
    }

    private static bool TryCreate(string year, string month, string day, out DateOnly date)
    {
        date = default;
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        if (year.Length <= 2)
        {
            y += y < 50 ? 2000 : 1900;
        }
        else if (year.Length != 4)
        {
            return false;
        }

        if (y is < 1 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static string DigitsPrefix(string token)
    {
        var end = 0;
        while (end < token.Length && char.IsAsciiDigit(token[end]))
        {
            end++;
        }

        return token[..end];
    }

    /// <summary>Lower case without diacritics (<c>März</c> → <c>marz</c>, <c>août</c> → <c>aout</c>).</summary>
    internal static string Fold(string text)
    {
        var decomposed = text.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            ["january", "jan", "januar", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro"],
            ["february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio", "februari", "fevereiro"],
            ["march", "mar", "marz", "maerz", "mars", "marzo", "maart", "marco"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile"],
            ["may", "mai", "mayo", "maggio", "mag", "mei", "maio"],
            ["june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho"],
            ["august", "aug", "aout", "agosto", "augustus"],
            ["september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro"],
            ["november", "nov", "novembre", "noviembre", "novembro"],
            ["december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dicembre", "dezembro"],
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[name] = i + 1;
            }
        }

        return months;
    }

    [GeneratedRegex(@"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"(?<!\d)(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?!\d)")]
    private static partial Regex NumericPattern();

    [GeneratedRegex(@"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)")]
    private static partial Regex CompactPattern();

    [GeneratedRegex(@"\d+(?:st|nd|rd|th|er|e|o|º|\.)?|\p{L}+\.?")]
    private static partial Regex TokenPattern();
}
