using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Events;
using FastVlm.DocPipeline.Events.Webhooks;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Workflow.Events;
using Microsoft.Extensions.Logging;

namespace FastVlm.DocPipeline.Cli.Events;

/// <summary>
/// <c>docpipe serve --webhook URL</c>: each finished document's completion event (the same CloudEvent the Functions
/// app sends to Event Grid) is posted to URL. Undelivered events wait in <c>DATA/events/webhook-outbox</c>
/// (<c>DOCPIPE_DATA</c>, else <c>./.data</c>) and are sent at the next start or with the next event.
/// </summary>
internal static class ServeWebhook
{
    public static Option<Uri?> CreateOption() => new("--webhook")
    {
        Description = "POST each finished document's completion event (CloudEvent JSON) to this URL; undelivered events are kept in DATA/events/webhook-outbox and retried.",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }

            result.AddError($"--webhook must be an absolute http(s) URL, not '{text}'.");
            return null;
        },
    };

    public static string SpoolDirectory() => Path.Combine(DataDirectory.Resolve(null), "events", "webhook-outbox");

    /// <summary>The publisher for <paramref name="webhook"/> (null: none), after delivering what earlier runs left spooled.</summary>
    public static async Task<WebhookCompletionPublisher?> StartAsync(Uri? webhook, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (webhook is null)
        {
            return null;
        }

        var publisher = new WebhookCompletionPublisher(
            new WebhookPublisherOptions { Endpoint = webhook, SpoolDirectory = SpoolDirectory() },
            logger: loggers.CreateLogger<WebhookCompletionPublisher>());
        await publisher.DeliverPendingAsync(cancellationToken).ConfigureAwait(false);
        return publisher;
    }

    /// <summary><paramref name="processor"/>, publishing through <paramref name="publisher"/> when there is one.</summary>
    public static IIncomingDocumentProcessor Wrap(IIncomingDocumentProcessor processor, IResultStore store, CosmosResultStoreOptions cosmos, WebhookCompletionPublisher? publisher) =>
        publisher is null
            ? processor
            : new CompletionPublishingProcessor(
                processor,
                new DocumentCompletionNotifier(store, publisher, id => ResultLocations.CosmosItem(cosmos.Endpoint, cosmos.DatabaseName, cosmos.ContainerName, id)));
}
