namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>The rows read from one table answer. <see cref="RowLimitReached"/> is set when rows beyond the limit were dropped.</summary>
public sealed record ParsedTable(IReadOnlyList<ParsedRow> Rows, bool RowLimitReached)
{
    /// <summary>
    /// A line without separators before the first row: preamble, or the last cell of a row the previous page cut
    /// short. Only <see cref="TableRowJoiner"/> uses it, and only when the previous page's last row lacks exactly one cell.
    /// </summary>
    public string? LeadingFragment { get; init; }

    /// <summary>The confidence of <see cref="LeadingFragment"/> from its own tokens; null when unknown.</summary>
    public double? LeadingFragmentConfidence { get; init; }

    public static ParsedTable Empty { get; } = new([], false);
}
