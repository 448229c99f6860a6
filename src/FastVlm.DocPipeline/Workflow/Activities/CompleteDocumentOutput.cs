using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Output of <see cref="ActivityNames.CompleteDocument"/>. <see cref="FailedPages"/> holds at most
/// <see cref="MaxFailedPagesReported"/> entries (the document record has them all).
/// </summary>
public sealed record CompleteDocumentOutput(
    DocumentStatus Status,
    int PagesDone,
    int PagesFailed,
    int PagesSkipped,
    bool NeedsReview,
    IReadOnlyList<PageFailure> FailedPages)
{
    public const int MaxFailedPagesReported = 20;

    /// <summary>Fields whose reviewer decision still stands after this run.</summary>
    public int ReviewedFieldsKept { get; init; }

    /// <summary>Fields a reviewer decided on whose model answer this run changed: they need a new look.</summary>
    public int ReviewedFieldsStale { get; init; }
}
