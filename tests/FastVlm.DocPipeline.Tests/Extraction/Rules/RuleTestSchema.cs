using FastVlm.DocPipeline.Extraction.Rules;

namespace FastVlm.DocPipeline.Tests.Extraction.Rules;

/// <summary>An invoice-like schema and document for rule tests: scalars, dates, text and a line-item table.</summary>
internal sealed class RuleTestSchema : IRuleSchema, IRuleValues
{
    private static readonly Dictionary<string, RuleOperandType> FieldTypes = new()
    {
        ["total"] = RuleOperandType.Number,
        ["subtotal"] = RuleOperandType.Number,
        ["tax"] = RuleOperandType.Number,
        ["invoiceDate"] = RuleOperandType.Date,
        ["dueDate"] = RuleOperandType.Date,
        ["vendor"] = RuleOperandType.Text,
        ["lineItems"] = RuleOperandType.Table,
    };

    private static readonly Dictionary<string, RuleOperandType> ColumnTypes = new()
    {
        ["description"] = RuleOperandType.Text,
        ["quantity"] = RuleOperandType.Number,
        ["unitPrice"] = RuleOperandType.Number,
        ["amount"] = RuleOperandType.Number,
    };

    public Dictionary<string, RuleValue> Values { get; } = new();

    public List<Dictionary<string, RuleValue>> LineItems { get; } = [];

    public RuleOperandType? FieldType(string field) => FieldTypes.TryGetValue(field, out var type) ? type : null;

    public RuleOperandType? ColumnType(string table, string column) =>
        table == "lineItems" && ColumnTypes.TryGetValue(column, out var type) ? type : null;

    public RuleValue Field(string name) => Values.TryGetValue(name, out var value) ? value : RuleValue.Missing;

    public IReadOnlyList<IReadOnlyDictionary<string, RuleValue>> Rows(string table) => table == "lineItems" ? LineItems : [];

    public RuleTestSchema WithLine(decimal quantity, decimal unitPrice, decimal amount)
    {
        LineItems.Add(new Dictionary<string, RuleValue>
        {
            ["quantity"] = RuleValue.Of(quantity),
            ["unitPrice"] = RuleValue.Of(unitPrice),
            ["amount"] = RuleValue.Of(amount),
        });
        return this;
    }

    public RuleOutcome Check(string rule, string? forEach = null) =>
        RuleEvaluator.Evaluate(RuleBinder.Bind(RuleParser.Parse(rule, forEach), this), this);
}
