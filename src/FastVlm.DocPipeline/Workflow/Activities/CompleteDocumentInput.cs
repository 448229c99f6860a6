using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.CompleteDocument"/>: merge the stored page answers and write the
/// document's fields and status and this run's record. Page outcomes are read from the store, not carried.
/// </summary>
public sealed record CompleteDocumentInput
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    public required string SchemaHash { get; init; }

    public bool Forced { get; init; }

    public required DateTime StartedAt { get; init; }

    public required DateTime CompletedAt { get; init; }

    public int PageCount { get; init; }

    /// <summary>Set when the document as a whole failed (unreadable PDF, changed source, …).</summary>
    public ErrorInfo? Error { get; init; }

    public ModelInfo? Model { get; init; }

    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();
}
