using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Serve;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Workflow;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;

namespace FastVlm.DocPipeline.Tests.Cli.Serve;

/// <summary>
/// The serve loop over the real in-process workflow (fake rasteriser, scripted model, file store) with blobs
/// listed from Azurite: what a document with failed pages and a model that cannot load do to the outcome.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class ServeOutcomeTests(LocalServicesFixture services) : IDisposable
{
    private readonly WorkflowHarness _harness = new();
    private readonly BlobStorageOptions _storage = new()
    {
        ConnectionString = services.StorageConnectionString,
        IncomingContainer = "in" + Guid.NewGuid().ToString("N")[..10],
    };

    public void Dispose() => _harness.Dispose();

    private async Task AddAsync(string name, int pages)
    {
        var content = FakeRasterizer.Describe(pages);
        _harness.AddFile(name, content);
        var container = services.BlobService().GetBlobContainerClient(_storage.IncomingContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true);
    }

    private IngestionHost Host(Func<CancellationToken, ValueTask>? prepare = null, string? queue = null, TimeProvider? time = null)
    {
        var processor = new WorkflowDocumentProcessor(_harness.Pipeline, WorkflowHarness.Schema, _harness.Store, prepare ?? (_ => ValueTask.CompletedTask), retries: WorkflowRetryPolicies.Fast);
        var options = new IngestionHostOptions { Once = true, RetryDelay = TimeSpan.FromMilliseconds(20), MaxAttempts = 2, QueueName = queue };
        return new IngestionHost(services.BlobService(), BlobClients.CreateQueueServiceClient(_storage), _storage, processor, options, timeProvider: time);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private Task<IReadOnlyDictionary<string, IngestCheckpoint>> CheckpointsAsync() =>
        new IngestCheckpointStore(services.BlobService(), _storage.IncomingContainer).ReadAllAsync();

    [Fact]
    public async Task Document_with_failed_pages_is_partially_failed_exits_2_and_stays_retryable()
    {
        await AddAsync("three.pdf", 3);
        _harness.Model.BeforeEncode = (page, _, _) => page == 2 ? throw new InvalidOperationException("page 2 cannot be encoded") : Task.CompletedTask;

        var summary = await Host().RunAsync();

        summary.PartiallyFailed.Should().Be(1);
        summary.Completed.Should().Be(0, "a document with a failed page is not a success");
        summary.ToString().Should().Contain("1 partially failed");
        ServeCommand.ExitCodeOf(summary).Should().Be(ExitCodes.PartialFailure, "like extract");
        (await CheckpointsAsync()).Should().NotContainKey("three.pdf", "it must stay retryable");

        _harness.Model.BeforeEncode = null;
        var encodesOfPage1 = _harness.Model.EncodesOf(1);
        var again = await Host().RunAsync();

        again.Completed.Should().Be(1);
        again.PartiallyFailed.Should().Be(0);
        _harness.Model.EncodesOf(1).Should().Be(encodesOfPage1, "the next run retries only the failed page");
        (await CheckpointsAsync())["three.pdf"].Status.Should().Be(DocumentStatus.Completed);
        ServeCommand.ExitCodeOf(again).Should().Be(ExitCodes.Success);
    }

    [Fact]
    public async Task Model_that_cannot_load_stops_the_host_before_any_document_is_stored_or_checkpointed()
    {
        await AddAsync("one.pdf", 1);
        await AddAsync("two.pdf", 2);
        var loads = 0;
        var engineOptions = new FastVlmEngineOptions { ModelDirectory = Path.Combine(_harness.Root, "no-model-here") };
        await using var model = new ServeModel(engineOptions, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var run = () => Host(async ct =>
        {
            Interlocked.Increment(ref loads);
            await model.GetAsync(ct);
        }).RunAsync();

        var fault = (await run.Should().ThrowAsync<HostFaultException>()).Which;
        fault.Code.Should().NotBeNullOrWhiteSpace().And.StartWith("model.");
        fault.Message.Should().Contain("no-model-here").And.Contain("no document was marked failed");
        loads.Should().Be(1, "the host stops at the first document instead of trying every blob");
        (await CheckpointsAsync()).Should().BeEmpty();
        (await _harness.Store.ListDocumentsAsync().ToListAsync()).Should().BeEmpty();
        _harness.Model.Encodes.Should().Be(0);
    }

    [Fact]
    public async Task Document_whose_pages_all_failed_is_reported_with_the_pages_code_never_a_null_one()
    {
        await AddAsync("dead.pdf", 2);
        _harness.Model.BeforeEncode = (_, _, _) => throw new ModelInputException("model.input_invalid", "this page cannot be encoded");

        var summary = await Host().RunAsync();

        summary.Failed.Should().Be(1);
        var checkpoint = (await CheckpointsAsync())["dead.pdf"];
        checkpoint.Status.Should().Be(DocumentStatus.Failed);
        checkpoint.ErrorCode.Should().Be("model.input_invalid");
    }

    [Fact]
    public async Task In_queue_mode_a_document_with_failed_pages_goes_to_the_poison_queue_unchecked()
    {
        await AddAsync("three.pdf", 3);
        _harness.Model.BeforeEncode = (page, _, _) => page == 3 ? throw new InvalidOperationException("page 3 cannot be encoded") : Task.CompletedTask;
        var queueName = "q" + Guid.NewGuid().ToString("N")[..10];
        var queues = new Azure.Storage.Queues.QueueServiceClient(services.StorageConnectionString);
        await queues.GetQueueClient(queueName).CreateAsync();
        await queues.GetQueueClient(queueName).SendMessageAsync("three.pdf");

        var summary = await Host(queue: queueName).RunAsync();

        summary.PartiallyFailed.Should().Be(1);
        (await queues.GetQueueClient(queueName).PeekMessagesAsync()).Value.Should().BeEmpty();
        (await queues.GetQueueClient(queueName + "-poison").PeekMessagesAsync()).Value.Should().ContainSingle()
            .Which.Body.ToString().Should().Be("three.pdf", "replaying it retries the failed page");
        (await CheckpointsAsync()).Should().NotContainKey("three.pdf");
    }

    [Fact]
    public async Task Checkpoints_are_stamped_by_the_injected_clock()
    {
        await AddAsync("one.pdf", 1);
        var now = new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);

        await Host(time: new FixedClock(now)).RunAsync();

        (await CheckpointsAsync())["one.pdf"].UpdatedAt.Should().Be(now.UtcDateTime);
    }
}
