namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.PublishCompletion"/>: the finished document to announce.</summary>
public sealed record PublishCompletionInput(string DocumentId);
