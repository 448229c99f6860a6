using System.Text;
using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// Reads a table answer written one row per line. Cells are separated by <c>|</c>, tabs, <c>;</c> or runs of two
/// or more spaces. Numbered rows, Markdown rules, blank lines, preamble and repeated header rows are skipped; a
/// line without separators continues the previous row; a row cut by the token limit is flagged truncated; a row
/// whose cells do not fit the columns is kept raw and flagged. Linear in the answer's length.
/// </summary>
public static partial class TableTextParser
{
    public static ParsedTable Parse(string? text, IReadOnlyList<string> columns, TableParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        options ??= new TableParseOptions();
        if (options.MaxRows is < 1 or > TableParseOptions.MaxRowsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRows, $"MaxRows must be between 1 and {TableParseOptions.MaxRowsLimit}.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ParsedTable.Empty;
        }

        var headers = new HeaderMatcher(columns, options.HeaderLabels);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var lastContentLine = Array.FindLastIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        var rows = new List<ParsedRow>();
        var limitReached = false;
        string? leadingFragment = null;
        for (var i = 0; i <= lastContentLine; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || MarkdownRule().IsMatch(line))
            {
                continue;
            }

            var cells = SplitCells(line);
            if (headers.IsHeader(cells))
            {
                continue;
            }

            if (cells.Count == 1 && columns.Count > 1)
            {
                if (rows.Count > 0 && rows[^1].Flag is TableRowFlag.None or TableRowFlag.Continued)
                {
                    rows[^1] = Continue(rows[^1], cells[0], line, options.ContinuationColumn);
                }
                else if (rows.Count == 0)
                {
                    leadingFragment = line;
                }

                continue;
            }

            if (rows.Count >= options.MaxRows)
            {
                limitReached = true;
                break;
            }

            cells = DropRowNumber(cells, columns.Count);
            var truncated = options.Truncated && i == lastContentLine && cells.Count < columns.Count;
            rows.Add(ToRow(cells, line, i + 1, columns.Count, truncated));
        }

        return new ParsedTable(rows, limitReached) { LeadingFragment = leadingFragment };
    }

    private static ParsedRow ToRow(List<string> cells, string line, int lineNumber, int columnCount, bool truncated)
    {
        if (cells.Count == columnCount)
        {
            return new ParsedRow(cells, line, lineNumber, TableRowFlag.None);
        }

        var written = Math.Min(cells.Count, columnCount);
        var padded = new string[columnCount];
        for (var c = 0; c < columnCount; c++)
        {
            padded[c] = c < cells.Count && cells.Count < columnCount ? cells[c] : "";
        }

        return new ParsedRow(padded, line, lineNumber, truncated ? TableRowFlag.Truncated : TableRowFlag.Unparsed) { WrittenCells = written };
    }

    private static ParsedRow Continue(ParsedRow row, string continuation, string line, int column)
    {
        var cells = row.Cells.ToArray();
        var target = Math.Clamp(column, 0, cells.Length - 1);
        cells[target] = cells[target].Length == 0 ? continuation : cells[target] + " " + continuation;
        return row with { Cells = cells, Raw = row.Raw + "\n" + line, Flag = TableRowFlag.Continued };
    }

    internal static List<string> SplitCells(string line)
    {
        string[] parts;
        if (line.Contains('|', StringComparison.Ordinal))
        {
            var inner = line;
            if (inner.StartsWith('|'))
            {
                inner = inner[1..];
            }

            if (inner.EndsWith('|'))
            {
                inner = inner[..^1];
            }

            parts = inner.Split('|');
        }
        else if (line.Contains('\t', StringComparison.Ordinal))
        {
            parts = line.Split('\t');
        }
        else if (line.Contains(';', StringComparison.Ordinal))
        {
            parts = line.Split(';');
        }
        else
        {
            parts = SpaceRun().Split(line);
        }

        var cells = new List<string>(parts.Length);
        foreach (var part in parts)
        {
            cells.Add(part.Trim());
        }

        return cells;
    }

    private static List<string> DropRowNumber(List<string> cells, int columnCount)
    {
        var numbered = NumberedPrefix().Match(cells[0]);
        if (numbered.Success && numbered.Groups["rest"].Value.Length > 0)
        {
            cells[0] = numbered.Groups["rest"].Value;
            return cells;
        }

        if (cells.Count == columnCount + 1 && RowNumberCell().IsMatch(cells[0]))
        {
            cells.RemoveAt(0);
        }

        return cells;
    }

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex MarkdownRule();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"^(?:#?\d{1,4}[.)]|#\d{1,4}:?)\s+(?<rest>.*)$")]
    private static partial Regex NumberedPrefix();

    [GeneratedRegex(@"^(?:#?\d{1,4}[.):]?|[-*•])$")]
    private static partial Regex RowNumberCell();

    private sealed class HeaderMatcher
    {
        private readonly HashSet<string> _labels = new(StringComparer.Ordinal);

        public HeaderMatcher(IReadOnlyList<string> columns, IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
        {
            foreach (var column in columns)
            {
                _labels.Add(Key(column));
                if (extra.TryGetValue(column, out var labels))
                {
                    foreach (var label in labels)
                    {
                        _labels.Add(Key(label));
                    }
                }
            }
        }

        /// <summary>A header row: at least two cells, and every non-empty cell is a column's label.</summary>
        public bool IsHeader(List<string> cells)
        {
            var named = 0;
            foreach (var cell in cells)
            {
                if (cell.Length == 0)
                {
                    continue;
                }

                if (!_labels.Contains(Key(cell)))
                {
                    return false;
                }

                named++;
            }

            return named >= Math.Min(2, _labels.Count);
        }

        private static string Key(string label)
        {
            var key = new StringBuilder(label.Length);
            foreach (var c in label)
            {
                if (char.IsLetterOrDigit(c))
                {
                    key.Append(char.ToLowerInvariant(c));
                }
            }

            return key.ToString();
        }
    }
}
