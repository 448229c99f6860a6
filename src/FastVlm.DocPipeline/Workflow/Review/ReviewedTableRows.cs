using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>The rows of a table a reviewer corrected, in the shape of the model's rows, so rules and readers see them the same way.</summary>
internal static class ReviewedTableRows
{
    public const string ReviewedFlag = "reviewed";

    public static IReadOnlyList<TableRowResult> Of(SchemaField field, JsonNode? value, int page)
    {
        if (value is not JsonArray rows)
        {
            return [];
        }

        var result = new List<TableRowResult>(rows.Count);
        foreach (var row in rows.OfType<JsonObject>())
        {
            var cells = new Dictionary<string, TableCellResult>(StringComparer.Ordinal);
            foreach (var column in field.Columns ?? [])
            {
                var cell = row[column.Name];
                cells[column.Name] = new TableCellResult { Value = cell?.DeepClone(), Raw = Text(cell) };
            }

            result.Add(new TableRowResult { Page = page, Cells = cells, Flag = ReviewedFlag });
        }

        return result;
    }

    private static string Text(JsonNode? cell) => cell switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => cell.ToJsonString(),
    };
}
