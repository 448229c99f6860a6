using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>Input of <see cref="ActivityNames.RecordPageFailures"/>: pages of one range that failed after their retries.</summary>
public sealed record RecordPageFailuresInput(string DocumentId, string RunId, IReadOnlyList<PageFailure> Failures, DateTime FailedAt);
