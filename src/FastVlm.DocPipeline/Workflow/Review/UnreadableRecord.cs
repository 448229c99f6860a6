namespace FastVlm.DocPipeline.Workflow.Review;

/// <summary>A stored document the queue could not read: its id, what is wrong, and what to do about it.</summary>
public sealed record UnreadableRecord(string DocumentId, string Problem, string Fix);
