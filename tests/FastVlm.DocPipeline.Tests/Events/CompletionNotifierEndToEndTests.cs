using System.Text.Json;
using Azure.Messaging;
using FastVlm.DocPipeline.Events;
using FastVlm.DocPipeline.Events.Webhooks;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Events;

namespace FastVlm.DocPipeline.Tests.Events;

/// <summary>A real run on the tiny model, then its completion event through the notifier to a local webhook.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CompletionNotifierEndToEndTests(TinyModelFixture fixture) : IDisposable
{
    private readonly ScratchDirectory _data = new("docpipe-events");

    [Fact]
    public async Task A_finished_run_is_announced_with_its_stored_outcome()
    {
        var (pipeline, store) = TinyPipeline.Create(fixture, _data.Path);
        using var _ = pipeline;
        var schema = EmbeddedSchemas.Get("receipt");
        var result = await pipeline.RunAsync(new DocumentWorkflowInput { SourceName = TinyModelFixture.Sample("receipt.pdf"), Schema = schema });
        using var webhook = RecordingHttpListener.Start();
        using var publisher = new WebhookCompletionPublisher(new WebhookPublisherOptions
        {
            Endpoint = webhook.BaseAddress,
            SpoolDirectory = Path.Combine(_data.Path, "events", "webhook-outbox"),
        });
        var notifier = new DocumentCompletionNotifier(store, publisher, id => ResultLocations.File(_data.Path, id));

        (await notifier.NotifyAsync(result.DocumentId)).Should().BeTrue();
        (await notifier.NotifyAsync("no-such-document")).Should().BeFalse();

        var stored = (await store.GetDocumentAsync(result.DocumentId))!;
        var received = CloudEvent.Parse(BinaryData.FromBytes(webhook.Requests.Should().ContainSingle().Subject.Body))!;
        received.Type.Should().Be("FastVlm.DocPipeline.DocumentCompleted");
        received.Subject.Should().Be($"documents/{result.DocumentId}");
        using var data = JsonDocument.Parse(received.Data!.ToString());
        var root = data.RootElement;
        root.GetProperty("documentId").GetString().Should().Be(result.DocumentId);
        root.GetProperty("runId").GetString().Should().Be(result.RunId);
        root.GetProperty("status").GetString().Should().Be("completed");
        root.GetProperty("needsReview").GetBoolean().Should().Be(stored.NeedsReview);
        root.GetProperty("pageCount").GetInt32().Should().Be(result.PageCount);
        root.GetProperty("pagesDone").GetInt32().Should().Be(stored.PagesDone);
        root.GetProperty("fieldCount").GetInt32().Should().Be(schema.Fields.Count);
        root.GetProperty("fieldsFound").GetInt32().Should().Be(stored.Fields.Values.Count(f => f.Found));
        root.GetProperty("source").GetString().Should().EndWith("receipt.pdf");
        root.GetProperty("schema").GetProperty("name").GetString().Should().Be("receipt");
        File.Exists(new Uri(root.GetProperty("result").GetString()!).LocalPath).Should().BeTrue("the event says where the stored result is");
    }

    public void Dispose() => _data.Dispose();
}
