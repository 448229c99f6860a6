namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The document item (one per document, id = documentId; Cosmos partition key /documentId).
/// Holds the latest run's merged fields and status; earlier runs are kept as <see cref="RunRecord"/>s.
/// </summary>
public sealed record DocumentRecord
{
    public required string Id { get; init; }

    public required string DocumentId { get; init; }

    public string Type { get; init; } = "document";

    /// <summary>The latest run started on this document (it may still be running: see <see cref="Lease"/>).</summary>
    public required string RunId { get; init; }

    /// <summary>The run whose model answers <see cref="Fields"/> hold; null until a run has finished.</summary>
    public string? FieldsRunId { get; init; }

    /// <summary>The claim of the run in progress; null when no run is in progress.</summary>
    public RunLease? Lease { get; init; }

    public required SourceInfo Source { get; init; }

    public required SchemaRef Schema { get; init; }

    public required DocumentStatus Status { get; init; }

    public int PageCount { get; init; }

    public int PagesDone { get; init; }

    public int PagesFailed { get; init; }

    public IReadOnlyDictionary<string, FieldResult> Fields { get; init; } = new Dictionary<string, FieldResult>();

    public IReadOnlyList<PageFailure> FailedPages { get; init; } = [];

    /// <summary>What each of the schema's validation rules found on the merged fields.</summary>
    public IReadOnlyList<RuleResult> Rules { get; init; } = [];

    /// <summary>True when at least one field is below the schema's review threshold or missing while required.</summary>
    public bool NeedsReview { get; init; }

    /// <summary>Reviewer activity on this document, composed from its review record; null until the first review write.</summary>
    public DocumentReview? Review { get; init; }

    /// <summary>What the review queue filters and sorts on, written by the store with every write (<see cref="DocumentQueueSummary.Of"/>).</summary>
    public DocumentQueueSummary? Queue { get; init; }

    /// <summary>Set when the schema was chosen by classification (<c>--schema auto</c>).</summary>
    public DocumentClassification? Classification { get; init; }

    /// <summary>Set on a document cut out of a bundled file (<c>--split</c>): the source document and page range.</summary>
    public DocumentSplit? SplitFrom { get; init; }

    /// <summary>On a bundled file's own record (<c>--split</c>): the documents it was split into, in page order.</summary>
    public IReadOnlyList<DocumentPart> Parts { get; init; } = [];

    public ModelInfo? Model { get; init; }

    /// <summary>Stage timings in milliseconds (<c>rasterize</c>, <c>extract</c>, <c>total</c>, …).</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    public ErrorInfo? Error { get; init; }

    public required DateTime CreatedAt { get; init; }

    public required DateTime UpdatedAt { get; init; }

    public DateTime? CompletedAt { get; init; }
}
