using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// A page's parsed rows as the JSON kept in its page answer (<c>{rows: [{cells, confidences, written, flag, line, raw}],
/// leadingFragment, leadingFragmentConfidence}</c>, raw cells and their confidences by column name), and back, so the
/// document merge can join rows across pages.
/// </summary>
internal static class TableRowsJson
{
    public static JsonObject ToJson(ParsedTable table, IReadOnlyList<TableColumn> columns)
    {
        var rows = new JsonArray();
        foreach (var row in table.Rows)
        {
            var cells = new JsonObject();
            for (var c = 0; c < columns.Count; c++)
            {
                cells[columns[c].Name] = row.Cells[c];
            }

            var json = new JsonObject
            {
                ["cells"] = cells,
                ["written"] = row.WrittenCells,
                ["flag"] = JsonSerializer.SerializeToNode(row.Flag),
                ["line"] = row.Line,
                ["raw"] = row.Raw,
            };
            if (row.CellConfidences is { } confidences)
            {
                json["confidences"] = ByColumn(columns, c => confidences[c]);
            }

            rows.Add(json);
        }

        return new JsonObject
        {
            ["rows"] = rows,
            ["leadingFragment"] = table.LeadingFragment,
            ["leadingFragmentConfidence"] = table.LeadingFragmentConfidence,
        };
    }

    private static JsonObject ByColumn(IReadOnlyList<TableColumn> columns, Func<int, double?> confidence)
    {
        var json = new JsonObject();
        for (var c = 0; c < columns.Count; c++)
        {
            json[columns[c].Name] = confidence(c);
        }

        return json;
    }

    public static ParsedTable FromJson(JsonNode? value, IReadOnlyList<TableColumn> columns)
    {
        if (value is not JsonObject table || table["rows"] is not JsonArray array)
        {
            return ParsedTable.Empty;
        }

        var rows = new List<ParsedRow>(array.Count);
        foreach (var node in array)
        {
            if (node is not JsonObject row || row["cells"] is not JsonObject cells)
            {
                continue;
            }

            var values = columns.Select(c => cells[c.Name]?.GetValue<string>() ?? "").ToArray();
            var flag = row["flag"]?.Deserialize<TableRowFlag>() ?? TableRowFlag.None;
            rows.Add(new ParsedRow(values, row["raw"]?.GetValue<string>() ?? "", row["line"]?.GetValue<int>() ?? 0, flag)
            {
                WrittenCells = row["written"]?.GetValue<int>() ?? values.Length,
                CellConfidences = row["confidences"] is JsonObject confidences ? columns.Select(c => confidences[c.Name]?.GetValue<double>()).ToArray() : null,
            });
        }

        return new ParsedTable(rows, false)
        {
            LeadingFragment = table["leadingFragment"]?.GetValue<string>(),
            LeadingFragmentConfidence = table["leadingFragmentConfidence"]?.GetValue<double>(),
        };
    }
}
