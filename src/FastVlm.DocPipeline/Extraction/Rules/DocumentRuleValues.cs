using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// The merged fields of a document as rule values: numbers and amounts as decimals, ISO dates as dates, any other
/// non-empty value (text, boolean) as <see cref="RuleValue.Present"/>; null and blank text as missing.
/// </summary>
internal sealed class DocumentRuleValues(IReadOnlyDictionary<string, FieldResult> fields) : IRuleValues
{
    public RuleValue Field(string name) => fields.TryGetValue(name, out var field) ? Read(field.Value) : RuleValue.Missing;

    public IReadOnlyList<IReadOnlyDictionary<string, RuleValue>> Rows(string table) =>
        fields.TryGetValue(table, out var field) && field.Rows is { } rows
            ? rows.Select(r => (IReadOnlyDictionary<string, RuleValue>)r.Cells.ToDictionary(c => c.Key, c => Read(c.Value.Value))).ToList()
            : [];

    private static RuleValue Read(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return RuleValue.Missing;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Number when value.TryGetValue<decimal>(out var number):
                return RuleValue.Of(number);
            case JsonValueKind.Number:
                return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var wide) && Math.Abs(wide) < 7.9e28
                    ? RuleValue.Of((decimal)wide)
                    : RuleValue.Missing;
            case JsonValueKind.String when DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                return RuleValue.Of(date);
            case JsonValueKind.String:
                return string.IsNullOrWhiteSpace(value.GetValue<string>()) ? RuleValue.Missing : RuleValue.Present;
            case JsonValueKind.True or JsonValueKind.False:
                return RuleValue.Present;
            default:
                return RuleValue.Missing;
        }
    }
}
