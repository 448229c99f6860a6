using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>Output of <see cref="DocumentWorkflow"/>; the full result is in the <see cref="IResultStore"/>.</summary>
public sealed record DocumentWorkflowResult
{
    public required string DocumentId { get; init; }

    public required string RunId { get; init; }

    public required DocumentStatus Status { get; init; }

    public int PageCount { get; init; }

    public int PagesExtracted { get; init; }

    public int PagesSkipped { get; init; }

    public int PagesFailed { get; init; }

    /// <summary>The first failed pages (at most <see cref="Activities.CompleteDocumentOutput.MaxFailedPagesReported"/>; all are in the store).</summary>
    public IReadOnlyList<PageFailure> FailedPages { get; init; } = [];

    public bool NeedsReview { get; init; }

    /// <summary>Fields whose reviewer decision still stands after this run.</summary>
    public int ReviewedFieldsKept { get; init; }

    /// <summary>Fields a reviewer had decided on whose model answer this run changed: they need a new look.</summary>
    public int ReviewedFieldsStale { get; init; }

    public ErrorInfo? Error { get; init; }

    /// <summary>How the schema was chosen, when it was (<c>--schema auto</c> without splitting).</summary>
    public DocumentClassification? Classification { get; init; }

    /// <summary>A split bundle's documents, in page order (<see cref="DocumentId"/> is then the bundle's own record).</summary>
    public IReadOnlyList<DocumentWorkflowResult> Parts { get; init; } = [];
}
