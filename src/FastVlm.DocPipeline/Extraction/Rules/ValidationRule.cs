namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// A parsed rule: <c>left op right [within tolerance[%]]</c>, checked after normalisation. With
/// <see cref="ForEach"/> set, it is checked on every row of that table and bare names are the row's columns.
/// </summary>
public sealed record ValidationRule(
    string Text,
    RuleExpression Left,
    ComparisonOperator Comparison,
    RuleExpression Right,
    decimal Tolerance,
    bool ToleranceIsPercent,
    string? ForEach)
{
    /// <summary>The schema fields the rule reads, in order of first use (a per-row rule names its table); set by <see cref="RuleBinder"/>.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];
}
