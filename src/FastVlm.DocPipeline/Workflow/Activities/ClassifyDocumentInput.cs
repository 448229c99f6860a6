using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Input of <see cref="ActivityNames.ClassifyDocument"/>: score <paramref name="Labels"/> on the first page of the
/// source (every page, and whether each starts a new document, when <paramref name="EveryPage"/>).
/// </summary>
public sealed record ClassifyDocumentInput(string SourceName, IReadOnlyList<string> Labels, bool EveryPage, SourceInfo? PinnedSource = null);
