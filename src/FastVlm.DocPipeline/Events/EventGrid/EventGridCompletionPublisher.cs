using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using FastVlm.DocPipeline.Contracts.Events;

namespace FastVlm.DocPipeline.Events.EventGrid;

/// <summary>
/// Publishes completion events to an Event Grid topic (CloudEvents schema) with Entra ID: the app's managed
/// identity needs the <c>EventGrid Data Sender</c> role on the topic. The body is <see cref="CompletionCloudEvent"/>'s,
/// the same as the webhook's. A failure after the SDK's retries throws a transient <see cref="CompletionEventException"/>,
/// so the activity that publishes is retried rather than the event dropped.
/// </summary>
public sealed class EventGridCompletionPublisher : ICompletionEventPublisher
{
    private readonly EventGridPublisherClient _client;
    private readonly string _source;

    public EventGridCompletionPublisher(EventGridPublisherOptions options)
        : this(CreateClient(options), options.Source)
    {
    }

    /// <summary>Publishes through <paramref name="client"/> (tests give it their own transport).</summary>
    public EventGridCompletionPublisher(EventGridPublisherClient client, string source)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        _source = source;
    }

    public async Task PublishAsync(DocumentCompletionEvent completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var cloudEvent = CloudEvent.Parse(BinaryData.FromBytes(CompletionCloudEvent.ToJson(completion, _source)))
            ?? throw new InvalidOperationException("The completion event did not parse as a CloudEvent.");
        try
        {
            await _client.SendEventAsync(cloudEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AuthenticationFailedException)
        {
            throw new CompletionEventException(
                EventErrorCodes.EventGridFailed,
                $"Event Grid did not accept the completion event of document {completion.DocumentId} ({e.Message}); check the topic endpoint and that the app's identity has the EventGrid Data Sender role.",
                e);
        }
    }

    private static EventGridPublisherClient CreateClient(EventGridPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TokenCredential credential = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));
        return new EventGridPublisherClient(options.TopicEndpoint, credential);
    }
}
