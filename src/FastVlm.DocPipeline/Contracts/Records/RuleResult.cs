namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// What a schema rule found: <c>passed</c>, <c>failed</c> or <c>not_evaluated</c> (a value was missing), the fields
/// it names, why it failed, and for a per-row rule the 1-based rows that failed.
/// </summary>
public sealed record RuleResult
{
    public required string Rule { get; init; }

    public required string Status { get; init; }

    public IReadOnlyList<string> Fields { get; init; } = [];

    public string? Detail { get; init; }

    public IReadOnlyList<int> FailedRows { get; init; } = [];
}
