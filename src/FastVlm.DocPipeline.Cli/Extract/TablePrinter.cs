using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Prints a table field's rows as aligned plain-text columns (page first, flagged rows marked).</summary>
internal static class TablePrinter
{
    public const int MaxRowsShown = 50;

    private const int MaxCellWidth = 32;

    public static void Write(TextWriter writer, IReadOnlyList<TableRowResult> rows, string indent)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var columns = rows.SelectMany(r => r.Cells.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var shown = rows.Take(MaxRowsShown).ToArray();
        List<string[]> grid = [["page", .. columns, ""]];
        foreach (var row in shown)
        {
            var cells = columns.Select(c => row.Cells.TryGetValue(c, out var cell) ? Cell(cell) : "").ToArray();
            grid.Add([row.Page.ToString(System.Globalization.CultureInfo.InvariantCulture), .. cells, row.Flag == "ok" ? "" : row.Flag]);
        }

        var widths = Enumerable.Range(0, columns.Length + 2).Select(i => grid.Max(line => line[i].Length)).ToArray();
        foreach (var line in grid)
        {
            writer.WriteLine(indent + string.Join("  ", line.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        if (rows.Count > shown.Length)
        {
            writer.WriteLine($"{indent}… {rows.Count - shown.Length} more rows (--json shows them all)");
        }
    }

    private static string Cell(TableCellResult cell)
    {
        var text = cell.Value switch
        {
            null => cell.Raw.Length == 0 ? "" : $"?{cell.Raw}",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            var other => other.ToJsonString(),
        };
        var line = ResultPrinter.OneLine(text);
        return line.Length <= MaxCellWidth ? line : line[..(MaxCellWidth - 1)] + "…";
    }
}
