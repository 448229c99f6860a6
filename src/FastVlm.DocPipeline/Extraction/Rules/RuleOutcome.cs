namespace FastVlm.DocPipeline.Extraction.Rules;

/// <summary>
/// What checking one rule found. <see cref="Detail"/> says why it failed or could not be checked; for a per-row
/// rule <see cref="FailedRows"/> lists the 1-based rows that failed.
/// </summary>
public sealed record RuleOutcome(string Rule, RuleStatus Status, IReadOnlyList<string> Fields, string? Detail, IReadOnlyList<int> FailedRows)
{
    /// <summary>The issue a failed rule adds to the fields it names.</summary>
    public string Issue => $"rule_failed: {Rule}";
}
