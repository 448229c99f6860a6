using System.Globalization;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Tables;
using FastVlm.DocPipeline.Model;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Turns the model's text for one field into a typed value (pure and deterministic). Locale, date order and
/// default currency come from the field, else the schema; with neither, numbers use '.' as the decimal point
/// and all-numeric dates are read month-first (en-US) unless a part over 12 or dots say otherwise.
/// </summary>
public static class AnswerNormalizer
{
    public static NormalizedAnswer Normalize(ExtractionSchema schema, SchemaField field, string? raw) => Normalize(schema, field, raw, truncated: false);

    private static NormalizedAnswer Normalize(ExtractionSchema schema, SchemaField field, string? raw, bool truncated)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(field);
        var text = Clean(raw);
        if (field.Type != FieldType.List && NotPresentDetector.IsNotPresent(text))
        {
            return NormalizedAnswer.NotFound;
        }

        var locale = field.Locale ?? schema.Locale;
        var decimalSeparator = NumberParser.DecimalSeparatorOf(locale);
        switch (field.Type)
        {
            case FieldType.String:
                return new(true, JsonValue.Create(text), null, null);

            case FieldType.Number:
                var number = NumberParser.Read(text, decimalSeparator);
                return number.Value is { } n ? new(true, JsonValue.Create(n), null, null) : new(true, null, null, number.Issue);

            case FieldType.Currency:
                var defaultCurrency = field.Currency ?? schema.Currency;
                var amount = CurrencyParser.Read(text, decimalSeparator, defaultCurrency, out var currency);
                return amount.Value is { } a ? new(true, JsonValue.Create(a), currency, null) : new(true, null, currency, amount.Issue);

            case FieldType.Date:
                var explicitOrder = field.DateOrder ?? schema.DateOrder;
                var order = explicitOrder ?? DateParser.OrderOf(locale) ?? DateOrder.MonthDayYear;
                if (DateParser.CountDates(text) > 1)
                {
                    return new(true, null, null, AnswerIssues.AmbiguousDate);
                }

                return DateParser.TryParse(text, order, explicitOrder is not null, out var date)
                    ? new(true, JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null, null)
                    : Unparsed();

            case FieldType.Boolean:
                return BooleanParser.TryParse(text, out var flag) ? new(true, JsonValue.Create(flag), null, null) : Unparsed();

            case FieldType.Enum:
                var match = EnumMatcher.Match(text, field.Values ?? []);
                return match is null ? new(true, null, null, AnswerIssues.NoEnumMatch) : new(true, JsonValue.Create(match), null, null);

            case FieldType.List:
                var items = ListSplitter.Split(text);
                return items.Count == 0
                    ? NormalizedAnswer.NotFound
                    : new(true, new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()), null, null);

            case FieldType.Table:
                var columns = field.Columns ?? throw new ArgumentException($"Table field '{field.Name}' has no columns.", nameof(field));
                var table = TableTextParser.Parse(text, columns.Select(c => c.Name).ToArray(), new TableParseOptions
                {
                    MaxRows = field.MaxRows ?? FieldPrompt.DefaultMaxRows,
                    Truncated = truncated,
                    ContinuationColumn = Math.Max(0, columns.ToList().FindIndex(c => c.Type == FieldType.String)),
                    HeaderLabels = columns.ToDictionary(c => c.Name, c => (IReadOnlyList<string>)[c.HeaderText]),
                });
                return table.Rows.Count == 0 && table.LeadingFragment is null
                    ? NormalizedAnswer.NotFound
                    : new(true, TableRowsJson.ToJson(table, columns), null, table.RowLimitReached ? AnswerIssues.RowLimit : null);

            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Type, "Unknown field type.");
        }
    }

    /// <summary>A page answer for one field: raw text, normalised value and confidence from the token log-probabilities.</summary>
    public static PageAnswer ToPageAnswer(ExtractionSchema schema, SchemaField field, GenerationResult generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var normalized = Normalize(schema, field, generation.Text, generation.FinishReason == FinishReason.Length);
        var issue = normalized.Issue;
        if (normalized.Found && issue is null && generation.FinishReason == FinishReason.Length)
        {
            issue = AnswerIssues.Truncated;
        }

        return new PageAnswer
        {
            Raw = generation.Text.Trim(),
            Value = field.Type == FieldType.Table && normalized.Value is JsonObject rows ? ScoreCells(field, rows, generation) : normalized.Value,
            Currency = normalized.Currency,
            Found = normalized.Found,
            Confidence = AnswerConfidence.FromLogprobs(generation.TokenLogprobs, generation.FinishReason),
            TokenCount = generation.TokenIds.Count,
            Issue = issue,
        };
    }

    private static JsonObject ScoreCells(SchemaField field, JsonObject rows, GenerationResult generation) =>
        TableRowsJson.ToJson(TableCellConfidence.Score(TableRowsJson.FromJson(rows, field.Columns!), generation), field.Columns!);

    private static NormalizedAnswer Unparsed() => new(true, null, null, AnswerIssues.Unparsed);

    private static string Clean(string? raw)
    {
        var text = (raw ?? "").Trim();
        if (text.Length >= 2 && text[0] == text[^1] && text[0] is '"' or '\'' or '`')
        {
            text = text[1..^1].Trim();
        }

        return text;
    }
}
