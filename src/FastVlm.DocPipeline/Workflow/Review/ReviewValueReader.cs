using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>
/// Reads a reviewer's value through the field type's normaliser, the same one the model's answers go through: text
/// typed into a currency, number, date, boolean, enum or list field is parsed the way an answer would be, and JSON
/// numbers and booleans are accepted where they fit the type. A value that does not parse is refused with
/// <see cref="ReviewErrorCodes.ValueInvalid"/>, naming the expected format. Invisible and direction-changing characters
/// are refused by code point.
/// </summary>
public static class ReviewValueReader
{
    public const int MaxTextLength = 4000;

    public const int MaxListItems = 200;

    public const int MaxTableRows = 1000;

    private const double MaxMagnitude = 7.9e28;

    public static ReviewedValue Read(ExtractionSchema schema, SchemaField field, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(field);
        return field.Type switch
        {
            FieldType.Table => ReadTable(schema, field, value),
            FieldType.List => ReadList(field, value),
            _ => ReadScalar(schema, field, value, field.Name),
        };
    }

    public static string ExpectedFormat(SchemaField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type switch
        {
            FieldType.String => "text",
            FieldType.Number => "one number, such as 1234.56 or 1,234.56",
            FieldType.Currency => "one amount, such as 1234.56, 1.234,56 EUR or $1,234.56",
            FieldType.Date => "one date, such as 2026-12-31 or 31.12.2026",
            FieldType.Boolean => "true or false (yes / no)",
            FieldType.Enum => $"one of: {string.Join(", ", field.Values ?? [])}",
            FieldType.List => "a list of text items (an array, or one item per line)",
            FieldType.Table => $"an array of rows, each an object with the columns {string.Join(", ", (field.Columns ?? []).Select(c => $"{c.Name} ({ExpectedFormat(c.AsCellField(field))})"))}",
            _ => "a value of the field's type",
        };
    }

    private static ReviewedValue ReadScalar(ExtractionSchema schema, SchemaField field, JsonNode? value, string path)
    {
        switch (value)
        {
            case null:
                return new ReviewedValue(null, null, null);
            case JsonValue json when json.GetValueKind() == JsonValueKind.String:
                var text = CheckedText(json.GetValue<string>(), path);
                var normalized = AnswerNormalizer.Normalize(schema, field, text);
                if (!normalized.Found)
                {
                    return new ReviewedValue(null, text, null);
                }

                if (normalized.Value is null || normalized.Issue is not null)
                {
                    throw Invalid(field, path, $"'{text}' cannot be read as {ExpectedFormat(field)}");
                }

                return new ReviewedValue(normalized.Value, text, normalized.Currency);
            case JsonValue json when json.GetValueKind() == JsonValueKind.Number && field.Type is FieldType.Number or FieldType.Currency:
                if (!double.TryParse(json.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || !double.IsFinite(number) || Math.Abs(number) >= MaxMagnitude
                    || !json.TryGetValue<decimal>(out var exact))
                {
                    throw Invalid(field, path, $"{json.ToJsonString()} is out of range (a number must be below 7.9e28 in size)");
                }

                return new ReviewedValue(JsonValue.Create(exact), null, field.Type == FieldType.Currency ? field.Currency ?? schema.Currency : null);
            case JsonValue json when json.GetValueKind() is JsonValueKind.True or JsonValueKind.False && field.Type == FieldType.Boolean:
                return new ReviewedValue(JsonValue.Create(json.GetValue<bool>()), null, null);
            default:
                throw Invalid(field, path, $"{Describe(value)} is not {ExpectedFormat(field)}");
        }
    }

    private static ReviewedValue ReadList(SchemaField field, JsonNode? value)
    {
        switch (value)
        {
            case null:
                return new ReviewedValue(null, null, null);
            case JsonValue json when json.GetValueKind() == JsonValueKind.String:
                var text = CheckedText(json.GetValue<string>(), field.Name);
                var split = ListSplitter.Split(text);
                return Items(field, split.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray(), text);
            case JsonArray items:
                var read = new List<JsonNode?>(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonValue item || item.GetValueKind() != JsonValueKind.String)
                    {
                        throw Invalid(field, $"{field.Name}[{i}]", $"{Describe(items[i])} is not a text item");
                    }

                    var itemText = CheckedText(item.GetValue<string>(), $"{field.Name}[{i}]").Trim();
                    if (itemText.Length > 0)
                    {
                        read.Add(JsonValue.Create(itemText));
                    }
                }

                return Items(field, read, null);
            default:
                throw Invalid(field, field.Name, $"{Describe(value)} is not {ExpectedFormat(field)}");
        }
    }

    private static ReviewedValue Items(SchemaField field, IReadOnlyList<JsonNode?> items, string? raw)
    {
        if (items.Count > MaxListItems)
        {
            throw Invalid(field, field.Name, $"a list has at most {MaxListItems} items, not {items.Count}");
        }

        return new ReviewedValue(items.Count == 0 ? null : new JsonArray(items.ToArray()), raw, null);
    }

    private static ReviewedValue ReadTable(ExtractionSchema schema, SchemaField field, JsonNode? value)
    {
        var columns = field.Columns ?? [];
        if (value is null)
        {
            return new ReviewedValue(new JsonArray(), null, null);
        }

        if (value is not JsonArray rows)
        {
            throw Invalid(field, field.Name, $"{Describe(value)} is not {ExpectedFormat(field)}");
        }

        if (rows.Count > MaxTableRows)
        {
            throw Invalid(field, field.Name, $"a table has at most {MaxTableRows} rows, not {rows.Count}");
        }

        var result = new JsonArray();
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r] is not JsonObject row)
            {
                throw Invalid(field, $"{field.Name}[{r}]", $"{Describe(rows[r])} is not a row object");
            }

            if (row.Select(p => p.Key).FirstOrDefault(k => columns.All(c => c.Name != k)) is { } unknown)
            {
                throw Invalid(field, $"{field.Name}[{r}]", $"the table has no column '{unknown}'; its columns are {string.Join(", ", columns.Select(c => c.Name))}");
            }

            var typed = new JsonObject();
            foreach (var column in columns)
            {
                var cell = ReadScalar(schema, column.AsCellField(field), row[column.Name], $"{field.Name}[{r}].{column.Name}");
                typed[column.Name] = cell.Value?.DeepClone();
            }

            result.Add(typed);
        }

        return new ReviewedValue(result, null, null);
    }

    private static string CheckedText(string text, string path)
    {
        if (text.Length > MaxTextLength)
        {
            throw new ReviewException(ReviewErrorCodes.ValueInvalid, $"The value of '{path}' has {text.Length} characters; at most {MaxTextLength} are kept.");
        }

        foreach (var c in text)
        {
            if (InvisibleCharacters.Describe(c) is { } name)
            {
                throw new ReviewException(ReviewErrorCodes.ValueInvalid, $"The value of '{path}' contains {name}, which is invisible or changes the reading direction; remove it and save again.");
            }
        }

        return text;
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "an object",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => "text",
            JsonValueKind.Number => $"the number {value.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.ToJsonString()}",
            _ => value.ToJsonString(),
        },
        _ => "this value",
    };

    private static ReviewException Invalid(SchemaField field, string path, string why) =>
        new(ReviewErrorCodes.ValueInvalid, $"The value for '{path}' was not saved: {why}. A {SchemaLoader.Wire(field.Type)} field takes {ExpectedFormat(field)}.");
}
