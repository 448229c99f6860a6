using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Output of <see cref="ActivityNames.PrepareDocument"/>: the document's identity, this run's id, and what
/// earlier runs already did (page count and pages done; empty when forced).
/// </summary>
public sealed record PrepareDocumentOutput(
    string DocumentId,
    string RunId,
    SourceInfo Source,
    int? KnownPageCount,
    IReadOnlyList<int> DonePages);
