namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>The rows read from one table answer. <see cref="RowLimitReached"/> is set when rows beyond the limit were dropped.</summary>
public sealed record ParsedTable(IReadOnlyList<ParsedRow> Rows, bool RowLimitReached)
{
    public static ParsedTable Empty { get; } = new([], false);
}
