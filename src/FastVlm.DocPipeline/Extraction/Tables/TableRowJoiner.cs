namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// Joins the rows of every page of a document in page order. A row split by a page break is joined with the
/// next page's first row only when the evidence is clear: the first is cut short (truncated or too few cells),
/// the second also has too few cells (or is the page's lone leading cell), and together they have exactly one
/// cell per column.
/// </summary>
public static class TableRowJoiner
{
    public static IReadOnlyList<PagedRow> Join(IEnumerable<(int Page, ParsedTable Table)> pages, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfLessThan(columnCount, 1);
        var joined = new List<PagedRow>();
        var previousPage = int.MinValue;
        foreach (var (page, table) in pages.OrderBy(p => p.Page))
        {
            var rows = table.Rows;
            var start = 0;
            if (table.LeadingFragment is { } fragment && joined.Count > 0 && page == previousPage + 1
                && IsCutShort(joined[^1].Row, columnCount) && joined[^1].Row.WrittenCells == columnCount - 1)
            {
                var fragmentRow = new ParsedRow([fragment, .. Enumerable.Repeat("", columnCount - 1)], fragment, 0, TableRowFlag.Unparsed)
                {
                    WrittenCells = 1,
                    CellConfidences = [table.LeadingFragmentConfidence, .. Enumerable.Repeat<double?>(null, columnCount - 1)],
                };
                joined[^1] = joined[^1] with { Row = Splice(joined[^1].Row, fragmentRow, columnCount) };
            }
            else if (rows.Count > 0 && joined.Count > 0 && page == previousPage + 1 && IsCutShort(joined[^1].Row, columnCount) && IsCutShort(rows[0], columnCount)
                && joined[^1].Row.WrittenCells + rows[0].WrittenCells == columnCount)
            {
                joined[^1] = joined[^1] with { Row = Splice(joined[^1].Row, rows[0], columnCount) };
                start = 1;
            }

            for (var i = start; i < rows.Count; i++)
            {
                joined.Add(new PagedRow(page, rows[i]));
            }

            previousPage = page;
        }

        return joined;
    }

    private static bool IsCutShort(ParsedRow row, int columnCount) =>
        row.Flag is TableRowFlag.Truncated or TableRowFlag.Unparsed && row.WrittenCells is > 0 && row.WrittenCells < columnCount;

    private static ParsedRow Splice(ParsedRow head, ParsedRow tail, int columnCount)
    {
        var cells = new string[columnCount];
        var confidences = new double?[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            var (row, index) = c < head.WrittenCells ? (head, c) : (tail, c - head.WrittenCells);
            cells[c] = row.Cells[index];
            confidences[c] = row.CellConfidences?[index];
        }

        return new ParsedRow(cells, head.Raw + "\n" + tail.Raw, head.Line, TableRowFlag.Joined)
        {
            CellConfidences = head.CellConfidences is null && tail.CellConfidences is null ? null : confidences,
        };
    }
}
