using System.Collections.Concurrent;
using Azure.Storage.Queues;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Cli.Serve;

[Collection(LocalServicesCollection.Name)]
public sealed class IngestionHostTests(LocalServicesFixture services)
{
    private readonly BlobStorageOptions _storage = new()
    {
        ConnectionString = services.StorageConnectionString,
        IncomingContainer = "in" + Guid.NewGuid().ToString("N")[..10],
    };

    /// <summary>Stands in for the workflow: reads the blob through the real source and reports by content.</summary>
    private sealed class RecordingProcessor(BlobDocumentSource source) : IIncomingDocumentProcessor
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public int TransientFailuresLeft;

        public async Task<IngestOutcome> ProcessAsync(IncomingBlob blob, CancellationToken cancellationToken)
        {
            Calls.Enqueue(blob.Name);
            if (Interlocked.Decrement(ref TransientFailuresLeft) >= 0)
            {
                throw new TransientTestException();
            }

            var (sha, _, size) = await source.ComputeSha256Async(blob.Name, cancellationToken);
            return size == 0
                ? new IngestOutcome(sha[..16], DocumentStatus.Failed, "input.empty")
                : new IngestOutcome(sha[..16], DocumentStatus.Completed);
        }
    }

    private sealed class TransientTestException() : DocPipelineException("test.transient", "flaky")
    {
        public override bool IsTransient => true;
    }

    private (IngestionHost Host, RecordingProcessor Processor) Create(bool once = true, string? queue = null)
    {
        var blobs = services.BlobService();
        var processor = new RecordingProcessor(new BlobDocumentSource(blobs, _storage));
        var options = new IngestionHostOptions { Once = once, Concurrency = 2, QueueName = queue, RetryDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 3, PollInterval = TimeSpan.FromMilliseconds(100) };
        var queues = BlobClients.CreateQueueServiceClient(_storage);
        return (new IngestionHost(blobs, queues, _storage, processor, options), processor);
    }

    private async Task UploadAsync(string name, string content)
    {
        var container = services.BlobService().GetBlobContainerClient(_storage.IncomingContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true);
    }

    [Fact]
    public async Task Once_processes_each_new_blob_once_and_again_only_when_it_changes()
    {
        await UploadAsync("a.pdf", "A");
        await UploadAsync("b.pdf", "B");
        await UploadAsync("empty.pdf", "");

        var (host, processor) = Create();
        var first = await host.RunAsync();
        processor.Calls.Should().BeEquivalentTo("a.pdf", "b.pdf", "empty.pdf");
        first.Completed.Should().Be(2);
        first.Failed.Should().Be(1, "a bad blob ends as a failed document and the host keeps going");

        var (again, processorAgain) = Create();
        (await again.RunAsync()).Completed.Should().Be(0);
        processorAgain.Calls.Should().BeEmpty("finished blobs are checkpointed");

        await UploadAsync("b.pdf", "B2");
        var (changed, processorChanged) = Create();
        await changed.RunAsync();
        processorChanged.Calls.Should().Equal("b.pdf");
    }

    [Fact]
    public async Task Transient_failures_are_retried_not_lost()
    {
        await UploadAsync("flaky.pdf", "F");
        var (host, processor) = Create();
        processor.TransientFailuresLeft = 2;

        var summary = await host.RunAsync();

        summary.Completed.Should().Be(1);
        summary.Pending.Should().Be(0);
        processor.Calls.Should().Equal("flaky.pdf", "flaky.pdf", "flaky.pdf");
    }

    [Fact]
    public async Task Blob_still_failing_after_its_attempts_is_left_pending_for_the_next_run()
    {
        await UploadAsync("down.pdf", "D");
        var (host, processor) = Create();
        processor.TransientFailuresLeft = 100;

        var summary = await host.RunAsync();
        summary.Pending.Should().Be(1);
        processor.Calls.Should().HaveCount(3);

        var (next, nextProcessor) = Create();
        (await next.RunAsync()).Completed.Should().Be(1);
        nextProcessor.Calls.Should().Equal("down.pdf");
    }

    [Fact]
    public async Task Queue_messages_name_the_blobs_to_process()
    {
        var queueName = "q" + Guid.NewGuid().ToString("N")[..10];
        await UploadAsync("x/one.pdf", "1");
        await UploadAsync("two.pdf", "2");
        await UploadAsync("not-announced.pdf", "3");
        var queueService = new QueueServiceClient(services.StorageConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = queueService.GetQueueClient(queueName);
        await queue.CreateAsync();
        await queue.SendMessageAsync("two.pdf");
        await queue.SendMessageAsync($$$"""{"eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/{{{_storage.IncomingContainer}}}/blobs/x/one.pdf","data":{}}""");
        await queue.SendMessageAsync("""{"eventType":"Something.Else"}""");
        await UploadAsync("plain.pdf", "4");
        var plainQueue = new QueueServiceClient(services.StorageConnectionString).GetQueueClient(queueName);
        await plainQueue.SendMessageAsync($$$"""{"subject":"/blobServices/default/containers/{{{_storage.IncomingContainer}}}/blobs/plain.pdf"}""");

        var (host, processor) = Create(queue: queueName);
        var summary = await host.RunAsync();

        processor.Calls.Should().BeEquivalentTo("two.pdf", "x/one.pdf", "plain.pdf");
        summary.Completed.Should().Be(3);
        (await queue.PeekMessagesAsync()).Value.Should().BeEmpty();
        var poison = queueService.GetQueueClient(queueName + "-poison");
        var poisoned = (await poison.PeekMessagesAsync()).Value;
        poisoned.Should().ContainSingle();
        poisoned[0].Body.ToString().Should().Contain("Something.Else");
    }

    [Fact]
    public async Task Long_running_host_picks_up_blobs_that_arrive_later_and_stops_when_asked()
    {
        await UploadAsync("early.pdf", "E");
        var (host, processor) = Create(once: false);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var running = host.RunAsync(stop.Token);
        while (!processor.Calls.Contains("early.pdf") && !running.IsCompleted)
        {
            await Task.Delay(50);
        }

        await UploadAsync("late.pdf", "L");
        var checkpoints = new IngestCheckpointStore(services.BlobService(), _storage.IncomingContainer);
        while (!(await checkpoints.ReadAllAsync()).ContainsKey("late.pdf") && !running.IsCompleted)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();
        var summary = await running;
        summary.Completed.Should().Be(2);
        processor.Calls.Should().BeEquivalentTo("early.pdf", "late.pdf");
    }

    [Fact]
    public void Event_grid_messages_and_plain_names_are_understood()
    {
        BlobEventMessage.ReadBlobName("a/b.pdf", "incoming").Should().Be("a/b.pdf");
        BlobEventMessage.DecodeBody(Convert.ToBase64String("x/y.pdf"u8)).Should().Be("x/y.pdf");
        BlobEventMessage.DecodeBody("two.pdf").Should().Be("two.pdf");
        BlobEventMessage.DecodeBody("""{"subject":"s"}""").Should().Be("""{"subject":"s"}""");
        BlobEventMessage.ReadBlobName("""[{"subject":"/blobServices/default/containers/incoming/blobs/c.pdf"}]""", "incoming").Should().Be("c.pdf");
        BlobEventMessage.ReadBlobName("""{"data":{"url":"https://acct.blob.core.windows.net/incoming/d%20e.pdf"}}""", "incoming").Should().Be("d e.pdf");
        BlobEventMessage.ReadBlobName("""{"subject":"/blobServices/default/containers/other/blobs/c.pdf"}""", "incoming").Should().BeNull();
    }
}
