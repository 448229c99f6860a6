namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>What a rule may do with a field or column: compute with numbers, compare dates, count or sum a table.</summary>
public enum RuleOperandType
{
    Number,
    Date,
    Table,
    Text,
}
