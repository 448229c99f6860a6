using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Tests.Extraction;

public class DateParserTests
{
    [Theory]
    // ISO and year-first forms are unambiguous whatever the order option says.
    [InlineData("2024-03-05", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("2024/03/05", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("2024.3.5", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("2024-03-05T10:15:00Z", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("20240305", DateOrder.DayMonthYear, "2024-03-05")]
    // All-numeric, ambiguous: the order decides.
    [InlineData("05/03/2024", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("05/03/2024", DateOrder.MonthDayYear, "2024-05-03")]
    [InlineData("3/5/24", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("5-3-2024", DateOrder.DayMonthYear, "2024-03-05")]
    // A part over 12 settles it against the option.
    [InlineData("25/03/2024", DateOrder.MonthDayYear, "2024-03-25")]
    [InlineData("03/25/2024", DateOrder.DayMonthYear, "2024-03-25")]
    // Month names, several languages and layouts.
    [InlineData("5 March 2024", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("March 5, 2024", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("Mar 5, 2024", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("5-Mar-2024", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("Tuesday, March 5th, 2024", DateOrder.DayMonthYear, "2024-03-05")]
    [InlineData("the 1st of December 1999", DateOrder.MonthDayYear, "1999-12-01")]
    [InlineData("5. März 2024", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("5. Maerz 2024", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("le 14 juillet 2023", DateOrder.MonthDayYear, "2023-07-14")]
    [InlineData("1er février 2022", DateOrder.MonthDayYear, "2022-02-01")]
    [InlineData("5 de marzo de 2024", DateOrder.MonthDayYear, "2024-03-05")]
    [InlineData("12 dicembre 2021", DateOrder.MonthDayYear, "2021-12-12")]
    [InlineData("3 oktober 2020", DateOrder.MonthDayYear, "2020-10-03")]
    [InlineData("Sept. 9, 2019", DateOrder.DayMonthYear, "2019-09-09")]
    [InlineData("Jan 2 25", DateOrder.DayMonthYear, "2025-01-02")]
    [InlineData("Invoice date: 29 Feb 2024", DateOrder.DayMonthYear, "2024-02-29")]
    // Two-digit years pivot at 50.
    [InlineData("01/02/87", DateOrder.DayMonthYear, "1987-02-01")]
    [InlineData("01/02/49", DateOrder.DayMonthYear, "2049-02-01")]
    public void Reads_dates_as_iso(string text, DateOrder order, string expected)
    {
        DateParser.TryParse(text, order, orderIsExplicit: true, out var date).Should().BeTrue();
        date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("05.03.2024", false, DateOrder.MonthDayYear, "2024-03-05")] // dots are day-first unless told otherwise
    [InlineData("05.03.2024", true, DateOrder.MonthDayYear, "2024-05-03")]
    [InlineData("05/03/2024", false, DateOrder.MonthDayYear, "2024-05-03")]
    public void Dotted_dates_are_day_first_unless_the_order_is_explicit(string text, bool isExplicit, DateOrder order, string expected)
    {
        DateParser.TryParse(text, order, isExplicit, out var date).Should().BeTrue();
        date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("March 2024")]
    [InlineData("31/02/2024")]
    [InlineData("2023-02-29")]
    [InlineData("13/13/2024")]
    [InlineData("1,234.56")]
    public void Refuses_what_is_not_a_whole_valid_date(string text)
    {
        DateParser.TryParse(text, DateOrder.DayMonthYear, true, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("en-US", DateOrder.MonthDayYear)]
    [InlineData("en-GB", DateOrder.DayMonthYear)]
    [InlineData("de-DE", DateOrder.DayMonthYear)]
    [InlineData("fr-FR", DateOrder.DayMonthYear)]
    [InlineData("ja-JP", DateOrder.YearMonthDay)]
    public void Locales_imply_a_numeric_date_order(string locale, DateOrder expected)
    {
        DateParser.OrderOf(locale).Should().Be(expected);
    }
}
