using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Output of <see cref="ActivityNames.PrepareDocument"/>: the document's identity, the pinned source, its
/// page count, and whether earlier runs left pages to skip. <see cref="Error"/> is set (and no pages are
/// counted) when the document cannot be read at all: corrupt, encrypted, empty.
/// </summary>
public sealed record PrepareDocumentOutput(
    string DocumentId,
    SourceInfo Source,
    int PageCount,
    bool HasDonePages,
    bool AllPagesDone,
    ErrorInfo? Error);
