using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.PrepareDocument"/>.</summary>
public sealed record PrepareDocumentInput(string SourceName, SchemaRef Schema, bool Force, string? RunId, DateTime StartedAt);
