namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>The names and types a rule may refer to (null: no such field or column).</summary>
public interface IRuleSchema
{
    RuleOperandType? FieldType(string field);

    RuleOperandType? ColumnType(string table, string column);
}
