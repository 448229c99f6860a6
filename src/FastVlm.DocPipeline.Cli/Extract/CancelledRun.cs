using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Records a run stopped by Ctrl-C or SIGTERM as <see cref="DocumentStatus.Cancelled"/>, in its run record and, while
/// that run is still the document's latest, in the document record. Written after cancellation, so never cancelled itself.
/// </summary>
internal static class CancelledRun
{
    public const string ErrorCode = "run.cancelled";

    public static async Task MarkAsync(FileResultStore store, string documentId, string runId)
    {
        var now = DateTime.UtcNow;
        var error = new ErrorInfo(ErrorCode, "The run was cancelled (Ctrl-C or SIGTERM) before it finished; run docpipe extract again to resume it.");
        if (await store.GetDocumentAsync(documentId, CancellationToken.None).ConfigureAwait(false) is null)
        {
            return;
        }

        await store.UpdateDocumentAsync(documentId, current =>
            current is null || current.RunId != runId || current.Status is DocumentStatus.Completed or DocumentStatus.Failed or DocumentStatus.Reviewed
                ? current!
                : current with { Status = DocumentStatus.Cancelled, Error = error, UpdatedAt = now }, CancellationToken.None).ConfigureAwait(false);

        var runs = await store.GetRunsAsync(documentId, CancellationToken.None).ConfigureAwait(false);
        if (runs.FirstOrDefault(r => r.RunId == runId) is { } run && run.Status is not (DocumentStatus.Completed or DocumentStatus.Failed or DocumentStatus.Reviewed))
        {
            await store.UpsertRunAsync(run with { Status = DocumentStatus.Cancelled, CompletedAt = now, Error = error }, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
