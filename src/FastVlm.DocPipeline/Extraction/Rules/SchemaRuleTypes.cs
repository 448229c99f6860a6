namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>The names and types rules may use in a schema: number and currency fields compute, dates compare, tables sum and count.</summary>
public sealed class SchemaRuleTypes(IReadOnlyList<SchemaField> fields) : IRuleSchema
{
    public RuleOperandType? FieldType(string field) =>
        fields.FirstOrDefault(f => f.Name == field) is { } found ? Of(found.Type) : null;

    public RuleOperandType? ColumnType(string table, string column) =>
        fields.FirstOrDefault(f => f.Name == table)?.Columns?.FirstOrDefault(c => c.Name == column) is { } found ? Of(found.Type) : null;

    private static RuleOperandType Of(Extraction.FieldType type) => type switch
    {
        Extraction.FieldType.Number or Extraction.FieldType.Currency => RuleOperandType.Number,
        Extraction.FieldType.Date => RuleOperandType.Date,
        Extraction.FieldType.Table => RuleOperandType.Table,
        _ => RuleOperandType.Text,
    };
}
