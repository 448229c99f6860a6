using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Workflow.Events;

namespace FastVlm.DocPipeline.Cli.Events;

/// <summary>
/// Wraps the serve loop's document processor: once a blob's run has finished (completed or failed, not left for
/// a retry), its completion event is published. The webhook publisher spools and never throws for a webhook
/// that is down, so an event never holds up or fails the document.
/// </summary>
internal sealed class CompletionPublishingProcessor(IIncomingDocumentProcessor inner, DocumentCompletionNotifier notifier) : IIncomingDocumentProcessor
{
    public async Task<IngestOutcome> ProcessAsync(IncomingBlob blob, CancellationToken cancellationToken)
    {
        var outcome = await inner.ProcessAsync(blob, cancellationToken).ConfigureAwait(false);
        if (outcome.DocumentId is { } documentId)
        {
            await notifier.NotifyAsync(documentId, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
