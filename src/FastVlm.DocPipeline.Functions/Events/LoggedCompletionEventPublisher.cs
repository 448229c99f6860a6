using FastVlm.DocPipeline.Contracts.Events;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Functions.Events;

/// <summary>The publisher of an app without an Event Grid topic: logs each completion event instead of sending it.</summary>
public sealed class LoggedCompletionEventPublisher(ILogger<LoggedCompletionEventPublisher> logger) : ICompletionEventPublisher
{
    public Task PublishAsync(DocumentCompletionEvent completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        logger.LogInformation(
            "No Event Grid topic configured (Events__TopicEndpoint): {EventType} {EventId} for document {DocumentId} is not published.",
            completion.EventType, completion.EventId, completion.DocumentId);
        return Task.CompletedTask;
    }
}
