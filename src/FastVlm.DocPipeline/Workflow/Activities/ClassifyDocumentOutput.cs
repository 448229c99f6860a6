using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction.Classification;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Output of <see cref="ActivityNames.ClassifyDocument"/>: the pinned source, its page count and the scores of each
/// classified page. <see cref="Error"/> is set (and no page scored) when the file cannot be read or the model cannot score.
/// </summary>
public sealed record ClassifyDocumentOutput(SourceInfo Source, int PageCount, IReadOnlyList<PageScores> Pages, ErrorInfo? Error);
