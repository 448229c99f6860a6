using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Output of <see cref="ActivityNames.ExtractPage"/>: only what the workflow uses; the answers are in the page record.</summary>
public sealed record ExtractPageOutput(int Page, double TotalMs, ModelInfo Model);
