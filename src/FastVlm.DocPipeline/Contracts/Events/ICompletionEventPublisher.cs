namespace FastVlm.DocPipeline.Contracts.Events;

/// <summary>
/// Publishes the completion event of a document run (to an Event Grid topic, a webhook, …). Implementations must
/// not lose an event they accepted: one that cannot be delivered now is kept and delivered later.
/// </summary>
public interface ICompletionEventPublisher
{
    Task PublishAsync(DocumentCompletionEvent completion, CancellationToken cancellationToken = default);
}
