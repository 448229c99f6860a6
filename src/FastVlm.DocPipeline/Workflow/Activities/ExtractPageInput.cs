namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.ExtractPage"/>: ask every field of the run's schema (by content hash) about one page.</summary>
public sealed record ExtractPageInput(string DocumentId, string RunId, RenderedPageInfo Page, string SchemaHash);
