using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.CompleteDocument"/>.</summary>
public sealed record CompleteDocumentOutput(DocumentStatus Status, int PagesDone, int PagesFailed, bool NeedsReview);
