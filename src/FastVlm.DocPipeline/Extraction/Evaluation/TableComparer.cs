using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// Compares a table field with its truth (a JSON array of row objects keyed by column name, case ignored) row by row.
/// Each cell is compared by its column's type as <see cref="FieldComparer"/> compares a field: numbers and amounts by
/// value, dates as dates, text by <see cref="TextKey"/>; an amount's currency code counts only when the cell has one.
/// Rows are paired one-to-one, most agreeing cells first (ties: the nearer position, then the earlier row).
/// </summary>
public static class TableComparer
{
    public static FieldComparison Compare(SchemaField field, JsonNode expected, string? expectedCurrency, FieldResult? actual)
    {
        ArgumentNullException.ThrowIfNull(field);
        var columns = field.Columns ?? throw new ArgumentException($"Table field '{field.Name}' has no columns.", nameof(field));
        var truthRows = ExpectedRows(field, expected);
        var keys = truthRows.SelectMany(r => r.Select(p => p.Key)).Distinct(StringComparer.Ordinal).ToArray();
        var scored = columns
            .Select(c => (Column: c, Key: keys.FirstOrDefault(k => k == c.Name) ?? keys.FirstOrDefault(k => string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase))))
            .Where(c => c.Key is not null)
            .Select(c => (c.Column, Key: c.Key!, Field: c.Column.AsCellField(field)))
            .ToArray();
        var extracted = actual is { Found: true } ? ExtractedRows(columns, actual) : [];

        var agrees = new bool[extracted.Count, truthRows.Count, scored.Length];
        var agreement = new int[extracted.Count, truthRows.Count];
        for (var i = 0; i < extracted.Count; i++)
        {
            for (var j = 0; j < truthRows.Count; j++)
            {
                for (var c = 0; c < scored.Length; c++)
                {
                    var (column, key, cellField) = scored[c];
                    var cell = extracted[i].GetValueOrDefault(column.Name);
                    var currency = cell?.Currency is null || column.Type != FieldType.Currency ? null : expectedCurrency;
                    var result = new FieldResult { Found = cell?.Value is not null, Value = cell?.Value, Currency = cell?.Currency };
                    agrees[i, j, c] = FieldComparer.Compare(cellField, truthRows[j][key], currency, result).Correct;
                    agreement[i, j] += agrees[i, j, c] ? 1 : 0;
                }
            }
        }

        var pairs = Pair(agreement, extracted.Count, truthRows.Count);
        var score = new TableScore
        {
            ExpectedRows = truthRows.Count,
            ExtractedRows = extracted.Count,
            MatchedRows = pairs.Count,
            CorrectRows = scored.Length == 0 ? 0 : pairs.Count(p => agreement[p.Extracted, p.Expected] == scored.Length),
            Columns = scored.Select((c, index) => new ColumnAccuracy
            {
                Column = c.Column.Name,
                Type = c.Column.Type,
                Count = truthRows.Count,
                Correct = pairs.Count(p => agrees[p.Extracted, p.Expected, index]),
            }).ToArray(),
            UnscoredKeys = keys.Where(k => scored.All(c => c.Key != k)).ToArray(),
        };
        var correct = score.CorrectRows == score.ExpectedRows && score.ExtractedRows == score.ExpectedRows;
        return new FieldComparison(correct, score.Precision, score.Recall) { Table = score };
    }

    private static List<JsonObject> ExpectedRows(SchemaField field, JsonNode expected)
    {
        if (expected is not JsonArray array)
        {
            throw new TruthInvalidException(field.Name, $"expected a JSON array of row objects for a table field, found {expected.ToJsonString()}.");
        }

        return array.Select(row => row as JsonObject
            ?? throw new TruthInvalidException(field.Name, $"table row {row?.ToJsonString() ?? "null"} is not an object (write {{\"column\": value, ...}}).")).ToList();
    }

    /// <summary>The stored rows' cells; a record without rows falls back to the value's row objects.</summary>
    private static List<IReadOnlyDictionary<string, TableCellResult>> ExtractedRows(IReadOnlyList<TableColumn> columns, FieldResult actual)
    {
        if (actual.Rows is { } rows)
        {
            return rows.Select(r => r.Cells).ToList();
        }

        return (actual.Value as JsonArray ?? []).OfType<JsonObject>()
            .Select(row => (IReadOnlyDictionary<string, TableCellResult>)columns.ToDictionary(
                c => c.Name, c => new TableCellResult { Value = row[c.Name]?.DeepClone() }, StringComparer.Ordinal))
            .ToList();
    }

    private static List<(int Extracted, int Expected)> Pair(int[,] agreement, int extracted, int expected)
    {
        var candidates = new List<(int Extracted, int Expected)>();
        for (var i = 0; i < extracted; i++)
        {
            for (var j = 0; j < expected; j++)
            {
                if (agreement[i, j] > 0)
                {
                    candidates.Add((i, j));
                }
            }
        }

        var usedExtracted = new bool[extracted];
        var usedExpected = new bool[expected];
        var pairs = new List<(int Extracted, int Expected)>();
        foreach (var (i, j) in candidates.OrderByDescending(p => agreement[p.Extracted, p.Expected]).ThenBy(p => Math.Abs(p.Extracted - p.Expected)).ThenBy(p => p.Expected))
        {
            if (!usedExtracted[i] && !usedExpected[j])
            {
                usedExtracted[i] = usedExpected[j] = true;
                pairs.Add((i, j));
            }
        }

        return pairs;
    }
}
