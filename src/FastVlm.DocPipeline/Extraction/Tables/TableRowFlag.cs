using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>How much to trust a parsed row.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableRowFlag>))]
public enum TableRowFlag
{
    /// <summary>One cell per column, read as written.</summary>
    [JsonStringEnumMemberName("ok")] None,

    /// <summary>The row went on over the next line(s); those were joined into its text column.</summary>
    [JsonStringEnumMemberName("continued")] Continued,

    /// <summary>The model stopped at its token limit inside this row: the missing cells are empty.</summary>
    [JsonStringEnumMemberName("truncated")] Truncated,

    /// <summary>The row was split by a page break and joined with the first row of the next page.</summary>
    [JsonStringEnumMemberName("joined")] Joined,

    /// <summary>The cells could not be matched to the columns; <see cref="ParsedRow.Raw"/> keeps the text.</summary>
    [JsonStringEnumMemberName("unparsed")] Unparsed,
}
