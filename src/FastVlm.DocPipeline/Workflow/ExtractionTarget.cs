using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>What one extraction of <see cref="DocumentWorkflow"/> works on: the schema, the pinned content, and how the schema was chosen and which pages are the document.</summary>
internal sealed record ExtractionTarget(
    ExtractionSchema Schema,
    SourceInfo? PinnedSource,
    DocumentClassification? Classification = null,
    DocumentSplit? SplitFrom = null);
