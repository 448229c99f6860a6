using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.Events;

/// <summary>
/// The one call hosts make after a document run has finished: reads the stored document and publishes its
/// completion event. <paramref name="resultLocation"/> says where a document's result lives in this host's store.
/// </summary>
public sealed class DocumentCompletionNotifier(IResultStore results, ICompletionEventPublisher publisher, Func<string, string> resultLocation)
{
    private readonly IResultStore _results = results ?? throw new ArgumentNullException(nameof(results));
    private readonly ICompletionEventPublisher _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    private readonly Func<string, string> _resultLocation = resultLocation ?? throw new ArgumentNullException(nameof(resultLocation));

    /// <summary>Publishes the event of <paramref name="documentId"/>'s latest run; false when it is missing or not finished.</summary>
    public async Task<bool> NotifyAsync(string documentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentId);
        var document = await _results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        if (document is not { Status: DocumentStatus.Completed or DocumentStatus.Reviewed or DocumentStatus.Failed })
        {
            return false;
        }

        await _publisher.PublishAsync(DocumentCompletionEvent.FromRecord(document, _resultLocation(documentId)), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Publishes the <see cref="CompletionEventTypes.DocumentReviewed"/> event of an approved document.</summary>
    public Task NotifyApprovedAsync(DocumentRecord document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return _publisher.PublishAsync(DocumentCompletionEvent.ForApproval(document, _resultLocation(document.DocumentId)), cancellationToken);
    }
}
