namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// The rule every <see cref="Ports.IResultStore"/> applies to a document update. The one transition an update
/// may never make is a finished run going back to an earlier state (a stale or replayed writer of the run whose answers
/// the document shows): a completed or reviewed one to anything but completed or reviewed (an approval can be withdrawn). A new run
/// (another run id) may start over. Every write also gets its queue summary (<see cref="DocumentQueueSummary"/>) here,
/// so every store keeps it the same way.
/// </summary>
public static class DocumentTransitionGuard
{
    public static bool IsRegression(DocumentRecord current, DocumentRecord updated) =>
        string.Equals(current.FieldsRunId ?? current.RunId, updated.RunId, StringComparison.Ordinal)
        && current.Status is DocumentStatus.Completed or DocumentStatus.Reviewed
        && updated.Status is not (DocumentStatus.Completed or DocumentStatus.Reviewed);

    /// <summary>Decides what a store does with the record an update function returned.</summary>
    /// <exception cref="ArgumentException">The update returned a record of another document.</exception>
    public static DocumentTransition Decide(string documentId, DocumentRecord? current, DocumentRecord updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        if (ReferenceEquals(updated, current))
        {
            return DocumentTransition.Unchanged;
        }

        if (updated.Id != documentId || updated.DocumentId != documentId)
        {
            throw new ArgumentException(
                $"The update of document '{documentId}' returned a record for '{updated.DocumentId}' (id '{updated.Id}'). An update must return a record of the same document.",
                nameof(updated));
        }

        return current is not null && IsRegression(current, updated) ? DocumentTransition.Regression : DocumentTransition.Write;
    }

    /// <summary>The record as a store writes it: with its queue summary.</summary>
    public static DocumentRecord ForWrite(DocumentRecord updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return updated with { Queue = DocumentQueueSummary.Of(updated) };
    }
}
