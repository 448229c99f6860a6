using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>Order of day, month and year in all-numeric dates such as <c>05/03/2024</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DateOrder>))]
public enum DateOrder
{
    [JsonStringEnumMemberName("dmy")] DayMonthYear,
    [JsonStringEnumMemberName("mdy")] MonthDayYear,
    [JsonStringEnumMemberName("ymd")] YearMonthDay,
}
