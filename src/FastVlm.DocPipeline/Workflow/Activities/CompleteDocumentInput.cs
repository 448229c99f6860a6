using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.CompleteDocument"/>: merge the stored page answers, record failed
/// pages, write the document's fields and status and this run's record.
/// </summary>
public sealed record CompleteDocumentInput
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    public required ExtractionSchema Schema { get; init; }

    public bool Forced { get; init; }

    public required DateTime StartedAt { get; init; }

    public required DateTime CompletedAt { get; init; }

    public int PageCount { get; init; }

    public IReadOnlyList<int> PagesExtracted { get; init; } = [];

    public IReadOnlyList<int> PagesSkipped { get; init; } = [];

    public IReadOnlyList<PageFailure> FailedPages { get; init; } = [];

    /// <summary>Set when the document as a whole failed (unreadable PDF, …).</summary>
    public ErrorInfo? Error { get; init; }

    public ModelInfo? Model { get; init; }

    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();
}
