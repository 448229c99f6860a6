using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Tables;

/// <summary>
/// Merges a table field: the rows of every page are joined in page order (<see cref="TableRowJoiner"/>), each
/// cell is normalised by its column's type, and <see cref="FieldResult.Value"/> is the array of row objects.
/// The field needs review when a row is unparsed or truncated, a required cell is empty or a cell is unreadable.
/// </summary>
internal static class TableFieldMerger
{
    public static FieldResult Merge(ExtractionSchema schema, SchemaField field, IReadOnlyList<(int Page, PageAnswer Answer)> answers)
    {
        var columns = field.Columns!;
        var found = answers.Where(a => a.Answer.Found && a.Answer.Value is JsonObject).ToArray();
        var joined = TableRowJoiner.Join(found.Select(a => (a.Page, TableRowsJson.FromJson(a.Answer.Value, columns))), columns.Count);
        if (joined.Count == 0)
        {
            return new FieldResult
            {
                Found = false,
                Confidence = answers.Count == 0 ? 0 : answers.Max(a => a.Answer.Confidence),
                NeedsReview = field.Required,
                Rows = [],
                Value = new JsonArray(),
            };
        }

        var cellFields = columns.ToDictionary(c => c.Name, c => c.AsCellField(field));
        var rows = new List<TableRowResult>(joined.Count);
        var values = new JsonArray();
        var badCells = false;
        foreach (var (page, row) in joined)
        {
            var cells = new Dictionary<string, TableCellResult>(StringComparer.Ordinal);
            var value = new JsonObject();
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var raw = row.Cells[c];
                var normalized = raw.Length == 0 || row.Flag == TableRowFlag.Unparsed
                    ? NormalizedAnswer.NotFound
                    : AnswerNormalizer.Normalize(schema, cellFields[column.Name], raw);
                var cellIssue = normalized.Issue ?? (column.Required && normalized.Value is null ? "missing" : null);
                badCells |= cellIssue is not null;
                cells[column.Name] = new TableCellResult
                {
                    Value = normalized.Value?.DeepClone(),
                    Raw = raw,
                    Currency = normalized.Currency,
                    Issue = cellIssue,
                    Confidence = row.CellConfidences?[c],
                };
                value[column.Name] = normalized.Value?.DeepClone();
            }

            rows.Add(new TableRowResult
            {
                Page = page,
                Cells = cells,
                Flag = SchemaLoader.Wire(row.Flag),
                Raw = row.Raw,
                Confidence = cells.Values.Select(cell => cell.Confidence).Min(),
            });
            values.Add(value);
        }

        var contributing = found.Where(a => joined.Any(r => r.Page == a.Page)).ToArray();
        var confidence = contributing.Length == 0 ? 0 : contributing.Min(a => a.Answer.Confidence);
        var issue = contributing.Select(a => a.Answer.Issue).FirstOrDefault(i => i is not null)
            ?? (joined.Any(r => r.Row.Flag is TableRowFlag.Unparsed or TableRowFlag.Truncated) ? AnswerIssues.UnparsedRows : null)
            ?? (badCells ? AnswerIssues.BadCells : null);
        return new FieldResult
        {
            Value = values,
            Raw = string.Join("\n", contributing.Select(a => a.Answer.Raw)),
            Found = true,
            Confidence = confidence,
            Page = joined[0].Page,
            Issue = issue,
            NeedsReview = confidence < schema.ReviewThresholdOf(field) || issue is not null,
            Rows = rows,
        };
    }
}
