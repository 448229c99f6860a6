using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.ExtractPage"/>: ask every field of <paramref name="Schema"/> about one page.</summary>
public sealed record ExtractPageInput(string DocumentId, string RunId, RenderedPageInfo Page, ExtractionSchema Schema);
