using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Evaluation;

/// <summary>
/// Compares one extracted field with its ground truth by the field's type. An expected value of null, an
/// empty string or an empty list means "not in the document": correct exactly when the field was not found.
/// </summary>
public static class FieldComparer
{
    /// <param name="field">The schema field (its type decides the comparison).</param>
    /// <param name="expected">The truth value: a JSON string, number, boolean, array (lists) or null.</param>
    /// <param name="expectedCurrency">ISO 4217 code the truth gives for amounts; null when it gives none.</param>
    /// <param name="actual">The stored field; null when the record has none.</param>
    public static FieldComparison Compare(SchemaField field, JsonNode? expected, string? expectedCurrency, FieldResult? actual)
    {
        ArgumentNullException.ThrowIfNull(field);
        var found = actual is { Found: true };
        if (IsAbsent(expected))
        {
            return field.Type is FieldType.List or FieldType.Table
                ? new FieldComparison(!found, found ? 0 : 1, 1)
                : new FieldComparison(!found);
        }

        var value = found ? actual!.Value : null;
        switch (field.Type)
        {
            case FieldType.List:
                return CompareLists(field, expected!, value);
            case FieldType.Table:
                return TableComparer.Compare(field, expected!, expectedCurrency, actual);
            case FieldType.Currency:
                return CompareCurrency(field, expected!, expectedCurrency, value, actual?.Currency);
            case FieldType.Number:
                var number = ExpectedDecimal(field, expected!);
                return new FieldComparison(value is not null && ReadDecimal(value) == number);
            case FieldType.Boolean:
                var flag = ExpectedBoolean(field, expected!);
                return new FieldComparison(value is JsonValue v && v.TryGetValue<bool>(out var b) && b == flag);
            case FieldType.Date:
                var date = ExpectedText(field, expected!).Trim();
                return new FieldComparison(value is not null && string.Equals(ReadText(value)?.Trim(), date, StringComparison.OrdinalIgnoreCase));
            default:
                var key = TextKey.Of(ExpectedText(field, expected!));
                return new FieldComparison(value is not null && ReadText(value) is { } text && TextKey.Of(text) == key);
        }
    }

    /// <summary>The items of a truth list as text: strings as they are; objects by their <c>description</c>, else their first string property.</summary>
    public static IReadOnlyList<string> ExpectedItems(SchemaField field, JsonNode expected)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (expected is not JsonArray array)
        {
            throw new TruthInvalidException(field.Name, $"expected a JSON array for a list field, found {Describe(expected)}.");
        }

        var items = new List<string>(array.Count);
        foreach (var item in array)
        {
            var text = item switch
            {
                JsonObject obj => ItemOfObject(obj),
                JsonValue => ReadText(item),
                _ => null,
            };
            if (text is null)
            {
                throw new TruthInvalidException(field.Name, $"list item {Describe(item)} has no text (use strings, or objects with a 'description').");
            }

            items.Add(text);
        }

        return items;
    }

    private static bool IsAbsent(JsonNode? expected) => expected switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => true,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(value.GetValue<string>()),
        _ => false,
    };

    private static FieldComparison CompareLists(SchemaField field, JsonNode expected, JsonNode? value)
    {
        var expectedSet = ExpectedItems(field, expected).Select(TextKey.Of).ToHashSet(StringComparer.Ordinal);
        var actualSet = (value as JsonArray ?? [])
            .Select(item => item is null ? null : ReadText(item))
            .OfType<string>()
            .Select(TextKey.Of)
            .ToHashSet(StringComparer.Ordinal);
        var hits = actualSet.Count(expectedSet.Contains);
        var precision = actualSet.Count == 0 ? (expectedSet.Count == 0 ? 1 : 0) : (double)hits / actualSet.Count;
        var recall = expectedSet.Count == 0 ? 1 : (double)hits / expectedSet.Count;
        return new FieldComparison(actualSet.SetEquals(expectedSet), precision, recall);
    }

    private static FieldComparison CompareCurrency(SchemaField field, JsonNode expected, string? expectedCurrency, JsonNode? value, string? actualCurrency)
    {
        var amount = expected;
        if (expected is JsonObject obj)
        {
            amount = obj["amount"] ?? obj["value"] ?? throw new TruthInvalidException(field.Name, "an amount object needs an 'amount'.");
            expectedCurrency = obj["currency"] is { } code ? ReadText(code) : expectedCurrency;
        }

        var expectedAmount = ExpectedDecimal(field, amount);
        var amountMatches = value is not null && ReadDecimal(value) == expectedAmount;
        var codeMatches = string.IsNullOrWhiteSpace(expectedCurrency)
            || string.Equals(actualCurrency?.Trim(), expectedCurrency.Trim(), StringComparison.OrdinalIgnoreCase);
        return new FieldComparison(amountMatches && codeMatches);
    }

    private static string? ItemOfObject(JsonObject obj)
    {
        if (obj["description"] is JsonValue description && ReadText(description) is { } text)
        {
            return text;
        }

        return obj.Select(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null)
            .FirstOrDefault(s => s is not null);
    }

    private static decimal ExpectedDecimal(SchemaField field, JsonNode expected) =>
        ReadDecimal(expected) ?? throw new TruthInvalidException(field.Name, IsNumber(expected)
            ? $"{Shorten(Describe(expected))} is out of range (numbers are compared as decimals, at most ±7.9e28)."
            : $"{Shorten(Describe(expected))} is not a number (write 3751.00 or \"3751.00\").");

    private static bool IsNumber(JsonNode node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.Number;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static bool ExpectedBoolean(SchemaField field, JsonNode expected)
    {
        if (expected is JsonValue value && value.TryGetValue<bool>(out var b))
        {
            return b;
        }

        return (expected is JsonValue ? ReadText(expected)?.Trim().ToLowerInvariant() : null) switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw new TruthInvalidException(field.Name, $"{Describe(expected)} is not a boolean (write true or false)."),
        };
    }

    private static string ExpectedText(SchemaField field, JsonNode expected) =>
        (expected is JsonValue ? ReadText(expected) : null)
        ?? throw new TruthInvalidException(field.Name, $"expected a string, found {Describe(expected)}.");

    /// <summary>A JSON number, or a string holding an invariant-culture number.</summary>
    private static decimal? ReadDecimal(JsonNode node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                if (value.TryGetValue<decimal>(out var d))
                {
                    return d;
                }

                // Beyond a decimal (1e308, 7.93e28): no value, which the caller reports as out of range.
                return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var wide) ? wide : null;
            case JsonValueKind.String:
                return decimal.TryParse(value.GetValue<string>().Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                return null;
        }
    }

    /// <summary>Strings as they are, numbers and booleans as their JSON text; null for anything else.</summary>
    private static string? ReadText(JsonNode node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string Describe(JsonNode? node) => node?.ToJsonString() ?? "null";
}
