using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Messaging.EventGrid;
using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Events;
using FastVlm.DocPipeline.Events.EventGrid;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Events;

/// <summary>
/// The Event Grid publisher through the real <see cref="EventGridPublisherClient"/> to a local HTTP server standing in
/// for the topic (key credential: the SDK sends bearer tokens over https only). What the SDK sends must be the
/// webhook's body, in Event Grid's CloudEvents batch.
/// </summary>
public sealed class EventGridCompletionPublisherTests
{
    [Fact]
    public async Task The_topic_receives_the_same_cloud_event_as_the_webhook()
    {
        using var topic = RecordingHttpListener.Start();
        var client = new EventGridPublisherClient(new Uri(topic.BaseAddress, "api/events"), new AzureKeyCredential("test-key"));
        var publisher = new EventGridCompletionPublisher(client, "/tests/eventgrid");
        var completion = CompletionEvents.Make("doc-grid");

        await publisher.PublishAsync(completion);

        var request = topic.Requests.Should().ContainSingle().Subject;
        request.Path.Should().Be("/api/events");
        request.ContentType.Should().StartWith("application/cloudevents-batch+json");
        var sent = JsonNode.Parse(request.Body)!.AsArray().Should().ContainSingle().Subject!;
        var webhookBody = JsonNode.Parse(CompletionCloudEvent.ToJson(completion, "/tests/eventgrid"))!;
        JsonNode.DeepEquals(sent, webhookBody).Should().BeTrue($"Event Grid got {sent.ToJsonString()}, the webhook gets {webhookBody.ToJsonString()}");
        sent["type"]!.GetValue<string>().Should().Be("FastVlm.DocPipeline.DocumentCompleted");
    }

    [Fact]
    public async Task A_topic_that_refuses_the_event_is_a_transient_error_with_its_code()
    {
        using var topic = RecordingHttpListener.Start();
        topic.StatusCode = System.Net.HttpStatusCode.Forbidden;
        var client = new EventGridPublisherClient(
            new Uri(topic.BaseAddress, "api/events"),
            new AzureKeyCredential("test-key"),
            new EventGridPublisherClientOptions { Retry = { MaxRetries = 0 } });
        var publisher = new EventGridCompletionPublisher(client, "/tests/eventgrid");

        var act = () => publisher.PublishAsync(CompletionEvents.Make("doc-denied"));

        var error = (await act.Should().ThrowAsync<CompletionEventException>()).Which;
        error.Code.Should().Be(EventErrorCodes.EventGridFailed);
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("EventGrid Data Sender");
    }
}
