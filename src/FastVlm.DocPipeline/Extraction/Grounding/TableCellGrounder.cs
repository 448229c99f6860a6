using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Tables;

namespace FastVlm.DocPipeline.Extraction.Grounding;

/// <summary>
/// Grounds every cell of a table field on its row's page (and the next page, for a row joined across a page break).
/// The row's longest cell is found first, after the previous row where it can be; the other cells are then looked for
/// on the text line(s) of that match, left to right, and only elsewhere on the page when they are not there. A row on a
/// page without a text layer is <c>unavailable</c> and gets no boxes. The field is <c>not_on_page</c> (none found) or
/// <c>partial</c> and needs review when a cell is missing from a page that has a text layer; otherwise it is
/// <c>grounded</c>, or <c>unavailable</c> when no row's page has a text layer.
/// </summary>
internal static class TableCellGrounder
{
    private static readonly string Joined = SchemaLoader.Wire(TableRowFlag.Joined);

    /// <summary>The pages whose text layers the rows of the document's tables need.</summary>
    public static IEnumerable<int> PagesOfRows(MergedFields merged) =>
        merged.Fields.Values.SelectMany(f => f.Rows ?? []).SelectMany(r => r.Flag == Joined ? [r.Page, r.Page + 1] : new[] { r.Page });

    public static FieldResult Ground(ExtractionSchema schema, SchemaField field, FieldResult result, PageTextIndex[] pages)
    {
        if (result.Rows is not { Count: > 0 } rows || field.Columns is not { } columns)
        {
            return result;
        }

        var byPage = pages.ToDictionary(p => p.Page);
        var cellFields = columns.Select(c => c.AsCellField(field)).ToArray();
        var after = new Dictionary<int, int>();
        var grounded = new List<TableRowResult>(rows.Count);
        foreach (var row in rows)
        {
            grounded.Add(GroundRow(schema, columns, cellFields, row, byPage, after));
        }

        var cells = grounded.SelectMany(r => r.Cells.Values).Where(c => c.Grounding is not null).ToArray();
        if (cells.Length == 0)
        {
            return result with { Rows = grounded };
        }

        var found = cells.Count(c => c.Grounding == GroundingStatus.Grounded);
        var missing = cells.Count(c => c.Grounding == GroundingStatus.NotOnPage);
        var status = missing == 0
            ? (found == 0 ? GroundingStatus.Unavailable : GroundingStatus.Grounded)
            : (found == 0 ? GroundingStatus.NotOnPage : GroundingStatus.Partial);
        var withCells = result with { Rows = grounded, Grounding = status, Location = cells.FirstOrDefault(c => c.Location is not null)?.Location };
        return missing == 0 ? withCells : FieldGrounder.NotOnPage(withCells);
    }

    private static TableRowResult GroundRow(
        ExtractionSchema schema, IReadOnlyList<TableColumn> columns, SchemaField[] cellFields, TableRowResult row,
        Dictionary<int, PageTextIndex> byPage, Dictionary<int, int> after)
    {
        var rowPages = (row.Flag == Joined ? [row.Page, row.Page + 1] : new[] { row.Page }).Where(byPage.ContainsKey).Select(p => byPage[p]).ToArray();
        var cells = new Dictionary<string, TableCellResult>(row.Cells, StringComparer.Ordinal);
        var written = columns.Select((c, i) => (Column: c, Index: i)).Where(c => cells.TryGetValue(c.Column.Name, out var cell) && cell.Raw.Length > 0).ToArray();
        if (rowPages.Length == 0)
        {
            foreach (var (column, _) in written)
            {
                cells[column.Name] = cells[column.Name] with { Grounding = GroundingStatus.Unavailable, Location = null };
            }

            return row with { Cells = cells };
        }

        var anchorColumn = written.OrderByDescending(c => cells[c.Column.Name].Raw.Length).Select(c => (int?)c.Index).FirstOrDefault();
        Anchor? anchor = null;
        if (anchorColumn is { } a)
        {
            anchor = FindAnchor(schema, cellFields[a], cells[columns[a].Name], rowPages, after);
        }

        var lineCursor = 0;
        foreach (var (column, index) in written)
        {
            var cell = cells[column.Name];
            FieldLocation? location = null;
            if (anchor is not null && index == anchorColumn)
            {
                location = anchor.Location;
                lineCursor = anchor.LineEnd;
            }
            else if (anchor is not null && FindOnLines(schema, cellFields[index], cell, anchor, lineCursor) is { } onLine)
            {
                (location, lineCursor) = onLine;
            }
            else
            {
                location = rowPages.Select(p => Find(schema, cellFields[index], cell, p)).FirstOrDefault(l => l is not null);
            }

            cells[column.Name] = cell with
            {
                Location = location,
                Grounding = location is not null ? GroundingStatus.Grounded : GroundingStatus.NotOnPage,
            };
        }

        return row with { Cells = cells };
    }

    /// <summary>The row's longest cell: after the previous row's anchor on the same page where possible, else anywhere on the row's pages.</summary>
    private static Anchor? FindAnchor(ExtractionSchema schema, SchemaField cellField, TableCellResult cell, PageTextIndex[] rowPages, Dictionary<int, int> after)
    {
        foreach (var page in rowPages)
        {
            var start = after.GetValueOrDefault(page.Page);
            foreach (var from in start > 0 ? [start, 0] : new[] { 0 })
            {
                var tail = Slice(page, Enumerable.Range(from, page.Count - from).ToArray());
                if (FindSpan(schema, cellField, cell, tail.Index) is { } span)
                {
                    var first = tail.Words[span.Start];
                    var last = tail.Words[span.Start + span.Count - 1];
                    after[page.Page] = last + 1;
                    var lines = Enumerable.Range(first, last - first + 1).Select(w => page.Text.Words[w].Line).ToHashSet();
                    var lineWords = Enumerable.Range(0, page.Count).Where(w => lines.Contains(page.Text.Words[w].Line)).ToArray();
                    var onLines = Slice(page, lineWords);
                    return new Anchor(tail.Index.Locate(span), onLines, Array.IndexOf(lineWords, last) + 1);
                }
            }
        }

        return null;
    }

    /// <summary>A cell on the anchor's line(s): to the right of the cell before it, else anywhere on those lines.</summary>
    private static (FieldLocation Location, int LineEnd)? FindOnLines(ExtractionSchema schema, SchemaField cellField, TableCellResult cell, Anchor anchor, int cursor)
    {
        var lines = anchor.Lines;
        foreach (var from in cursor > 0 ? [cursor, 0] : new[] { 0 })
        {
            var tail = from == 0 ? lines : Slice(lines.Index, Enumerable.Range(from, lines.Index.Count - from).ToArray(), lines.Words);
            if (FindSpan(schema, cellField, cell, tail.Index) is { } span)
            {
                return (tail.Index.Locate(span), from + span.Start + span.Count);
            }
        }

        return null;
    }

    private static FieldLocation? Find(ExtractionSchema schema, SchemaField cellField, TableCellResult cell, PageTextIndex page) =>
        FindSpan(schema, cellField, cell, page) is { } span ? page.Locate(span) : null;

    private static WordSpan? FindSpan(ExtractionSchema schema, SchemaField cellField, TableCellResult cell, PageTextIndex page)
    {
        var answers = new List<string>();
        FieldGrounder.AddAnswer(answers, cell.Raw);
        FieldGrounder.AddAnswer(answers, FieldGrounder.ValueText(cell.Value));
        if (answers.Count == 0 || page.Count == 0)
        {
            return null;
        }

        Func<string, bool>? attach = cellField.Type == FieldType.Currency ? FieldGrounder.IsCurrencyWord : null;
        var typed = cell.Value is null ? null : FieldGrounder.TypedEquality(schema, cellField, cell.Value);
        return TextLocator.Find(page, answers, typed, allowFuzzy: false, attach)
            ?? (cellField.Type == FieldType.String ? TextLocator.Find(page, answers, typedEquals: null, allowFuzzy: true) : null);
    }

    /// <summary>Some of a page's words as a page of their own (their boxes unchanged), with their indexes in <paramref name="words"/>' terms.</summary>
    private static Subset Slice(PageTextIndex page, int[] indexes, int[]? words = null)
    {
        var text = page.Text with { Words = indexes.Select(i => page.Text.Words[i]).ToArray() };
        return new Subset(new PageTextIndex(page.Page, text), words is null ? indexes : indexes.Select(i => words[i]).ToArray());
    }

    private sealed record Subset(PageTextIndex Index, int[] Words);

    /// <summary>Where a row's longest cell was found, the words on its line(s), and the position after it among them.</summary>
    private sealed record Anchor(FieldLocation Location, Subset Lines, int LineEnd);
}
