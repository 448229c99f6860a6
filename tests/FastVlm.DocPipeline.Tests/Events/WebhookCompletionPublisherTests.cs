using System.Net;
using System.Text.Json;
using Azure.Messaging;
using FastVlm.DocPipeline.Contracts.Events;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Events.Webhooks;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Events;

/// <summary>The webhook publisher against a real HTTP server on 127.0.0.1: down, then up, then refusing.</summary>
public sealed class WebhookCompletionPublisherTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("docpipe-webhook");

    private string Spool => _scratch.Path;

    private WebhookCompletionPublisher Create(int port, CountingHandler? counter = null) => new(
        new WebhookPublisherOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{port}/hooks/docpipe"),
            SpoolDirectory = Spool,
            Source = "/tests/webhook",
            MaxAttempts = 3,
            FirstRetryDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = TimeSpan.FromSeconds(10),
        },
        counter is null ? null : new HttpClient(counter));

    [Fact]
    public async Task Events_published_while_the_webhook_is_down_are_spooled_and_delivered_in_order_once_it_is_up()
    {
        var port = RecordingHttpListener.FreePort();
        var counter = new CountingHandler();
        using (var down = Create(port, counter))
        {
            await down.PublishAsync(CompletionEvents.Make("doc-a"));
            await down.PublishAsync(CompletionEvents.Make("doc-b", DocumentStatus.Failed));

            down.PendingCount.Should().Be(2);
            counter.Sends.Should().Be(3 + 3, "each round tries the oldest event three times, then stops");
        }

        using var webhook = RecordingHttpListener.Start(port);
        using var restarted = Create(port);
        var round = await restarted.DeliverPendingAsync();

        round.Should().Be(new WebhookDeliveryResult(2, 0, 0));
        restarted.PendingCount.Should().Be(0);
        var requests = webhook.Requests.ToArray();
        requests.Should().HaveCount(2);
        requests.Should().OnlyContain(r => r.Method == "POST" && r.Path == "/hooks/docpipe" && r.ContentType == "application/cloudevents+json; charset=utf-8");

        var first = CloudEvent.Parse(BinaryData.FromBytes(requests[0].Body))!;
        first.Type.Should().Be("FastVlm.DocPipeline.DocumentCompleted");
        first.Source.Should().Be("/tests/webhook");
        first.Subject.Should().Be("documents/doc-a");
        first.Id.Should().Be("doc-a.20261201T120000Z-0a1b2c3d.completed");
        first.Time.Should().Be(new DateTimeOffset(2026, 12, 1, 12, 0, 5, TimeSpan.Zero));
        first.DataContentType.Should().Be("application/json");
        using var data = JsonDocument.Parse(first.Data!.ToString());
        data.RootElement.GetProperty("documentId").GetString().Should().Be("doc-a");
        data.RootElement.GetProperty("status").GetString().Should().Be("completed");
        data.RootElement.GetProperty("needsReview").GetBoolean().Should().BeTrue();
        data.RootElement.GetProperty("pagesDone").GetInt32().Should().Be(2);
        data.RootElement.GetProperty("pagesFailed").GetInt32().Should().Be(1);
        data.RootElement.GetProperty("result").GetString().Should().Be("file:///data/documents/doc-a/document.json");

        var second = CloudEvent.Parse(BinaryData.FromBytes(requests[1].Body))!;
        second.Type.Should().Be("FastVlm.DocPipeline.DocumentFailed");
        using var failed = JsonDocument.Parse(second.Data!.ToString());
        failed.RootElement.GetProperty("error").GetProperty("code").GetString().Should().Be("raster.corrupt");
    }

    [Fact]
    public async Task A_webhook_that_answers_503_is_retried_and_one_that_refuses_an_event_leaves_it_under_rejected()
    {
        using var webhook = RecordingHttpListener.Start();
        webhook.Responses.Enqueue(HttpStatusCode.ServiceUnavailable);
        webhook.Responses.Enqueue(HttpStatusCode.Accepted);
        webhook.Responses.Enqueue(HttpStatusCode.BadRequest);
        using var publisher = Create(webhook.Port);

        await publisher.PublishAsync(CompletionEvents.Make("doc-retried"));
        await publisher.PublishAsync(CompletionEvents.Make("doc-refused"));
        await publisher.PublishAsync(CompletionEvents.Make("doc-after"));

        webhook.Requests.Select(r => r.AnsweredWith).Should().Equal(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.OK);
        publisher.PendingCount.Should().Be(0);
        Directory.GetFiles(Path.Combine(Spool, "rejected")).Should().ContainSingle().Which.Should().EndWith("-doc-refused.20261201T120000Z-0a1b2c3d.completed.json");
    }

    [Fact]
    public async Task Publishing_the_same_event_twice_while_down_spools_it_once()
    {
        using var publisher = Create(RecordingHttpListener.FreePort());

        await publisher.PublishAsync(CompletionEvents.Make("doc-same"));
        await publisher.PublishAsync(CompletionEvents.Make("doc-same"));

        publisher.PendingCount.Should().Be(1);
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>Counts the HTTP requests the publisher sends (the server that should get them is down).</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _sends;

        public int Sends => _sends;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sends);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
