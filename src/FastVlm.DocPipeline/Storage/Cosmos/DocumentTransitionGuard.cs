using FastVlm.DocPipeline.Workflow.Results;

namespace FastVlm.DocPipeline.Storage.Cosmos;

/// <summary>
/// The one transition a document update may never make: a completed run going back to an earlier state
/// (a stale or replayed writer of the same run). A new run (another run id) may start over.
/// </summary>
public static class DocumentTransitionGuard
{
    public static bool IsRegression(DocumentRecord current, DocumentRecord updated) =>
        current.Status == DocumentStatus.Completed
        && updated.Status != DocumentStatus.Completed
        && string.Equals(current.RunId, updated.RunId, StringComparison.Ordinal);
}
