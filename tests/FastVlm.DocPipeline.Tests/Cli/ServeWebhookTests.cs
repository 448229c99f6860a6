using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Cli.Events;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Events.Webhooks;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.TestSupport;

namespace FastVlm.DocPipeline.Tests.Cli;

/// <summary>
/// <c>docpipe serve --webhook</c>: the option's parsing, and the processor wrapper that announces each finished
/// document (and nothing for a blob the processor left for a retry) to a local webhook, with the Cosmos item as
/// the result's location.
/// </summary>
public sealed class ServeWebhookTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new("docpipe-serve-webhook");

    [Fact]
    public async Task A_finished_blob_is_announced_and_one_left_for_a_retry_is_not()
    {
        var store = new FileResultStore(_scratch.Path);
        await store.UpdateDocumentAsync("doc-1", _ => Document("doc-1", DocumentStatus.Completed));
        await store.UpdateDocumentAsync("doc-2", _ => Document("doc-2", DocumentStatus.Extracting));
        using var webhook = RecordingHttpListener.Start();
        using var publisher = new WebhookCompletionPublisher(new WebhookPublisherOptions { Endpoint = webhook.BaseAddress, SpoolDirectory = Path.Combine(_scratch.Path, "outbox") });
        var cosmos = new CosmosResultStoreOptions { Endpoint = new Uri("https://example-account.documents.azure.com:443/") };
        var processor = ServeWebhook.Wrap(new FixedOutcomes(), store, cosmos, publisher);

        (await processor.ProcessAsync(new IncomingBlob("a.pdf", "e1", 10), CancellationToken.None)).DocumentId.Should().Be("doc-1");
        await processor.ProcessAsync(new IncomingBlob("b.pdf", "e2", 10), CancellationToken.None);
        var retried = () => processor.ProcessAsync(new IncomingBlob("c.pdf", "e3", 10), CancellationToken.None);
        await retried.Should().ThrowAsync<IngestRetryException>();

        var request = webhook.Requests.Should().ContainSingle("doc-2 is not finished and c.pdf is left for a retry").Subject;
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("subject").GetString().Should().Be("documents/doc-1");
        body.RootElement.GetProperty("data").GetProperty("result").GetString()
            .Should().Be("https://example-account.documents.azure.com/dbs/docpipe/colls/documents/docs/doc-1");
    }

    [Fact]
    public void The_option_takes_an_http_url_only()
    {
        var command = new RootCommand { ServeWebhook.CreateOption() };

        command.Parse(["--webhook", "http://127.0.0.1:9000/hook"]).Errors.Should().BeEmpty();
        command.Parse(["--webhook", "ftp://host/hook"]).Errors.Should().ContainSingle().Which.Message.Should().Contain("absolute http(s) URL");
        command.Parse(["--webhook", "hook"]).Errors.Should().ContainSingle();
    }

    public void Dispose() => _scratch.Dispose();

    private static DocumentRecord Document(string id, DocumentStatus status) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = "run-1",
        Source = new SourceInfo("incoming", $"{id}.pdf", null, "00", 10),
        Schema = new SchemaRef("invoice", "1"),
        Status = status,
        PageCount = 1,
        PagesDone = status == DocumentStatus.Completed ? 1 : 0,
        CreatedAt = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 12, 1, 0, 1, 0, DateTimeKind.Utc),
        CompletedAt = status == DocumentStatus.Completed ? new DateTime(2026, 12, 1, 0, 1, 0, DateTimeKind.Utc) : null,
    };

    /// <summary>a.pdf → doc-1 completed, b.pdf → doc-2 (not finished in the store), c.pdf → left for a retry.</summary>
    private sealed class FixedOutcomes : IIncomingDocumentProcessor
    {
        public Task<IngestOutcome> ProcessAsync(IncomingBlob blob, CancellationToken cancellationToken) => blob.Name switch
        {
            "a.pdf" => Task.FromResult(new IngestOutcome("doc-1", DocumentStatus.Completed)),
            "b.pdf" => Task.FromResult(new IngestOutcome("doc-2", DocumentStatus.Completed)),
            _ => throw new IngestRetryException(blob.Name, "cosmos.unavailable", null),
        };
    }
}
