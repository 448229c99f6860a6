using System.Security.Cryptography;
using System.Text;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Model;
using FastVlm.DocPipeline.Rasterization;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Workflow.EndToEnd;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// The app's orchestrators and activity functions under the real Durable engine, on the tiny synthetic model,
/// the sample PDFs (PDFium) and file stores.
/// </summary>
public sealed class DurableOrchestrationTests(TinyModelFixture fixture) : IClassFixture<TinyModelFixture>, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-durable-" + Guid.NewGuid().ToString("N"));

    private FileResultStore NewStore() => new(Path.Combine(_root, "data"));

    private DocumentActivities Activities(IResultStore store, IDocumentVisionModel? model = null, IDocumentSource? source = null) => new(
        source ?? new LocalFileDocumentSource(),
        new DocumentRasterizer(fixture.Rasterization),
        model ?? fixture.Engine,
        store,
        new FilePageImageStore(Path.Combine(_root, "data", "pages")),
        new DocumentActivitiesOptions { Rasterization = fixture.Rasterization });

    private static DocumentWorkflowInput Input(string path, ExtractionSchema schema) => new()
    {
        SourceName = path,
        Schema = schema,
        Retries = WorkflowRetryPolicies.Fast,
        RasterizeChunkSize = 1,
        RangeFanOut = 2,
    };

    private static string InstanceId(string path, ExtractionSchema schema) => DocumentIdentity.Compute(
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), schema.Name, schema.Version, SchemaHasher.Compute(schema));

    private static async Task<int> PageCountAsync(string path, RasterizationOptions options)
    {
        await using var stream = File.OpenRead(path);
        using var document = await new DocumentRasterizer(options).OpenAsync(stream, path, options);
        return document.PageCount;
    }

    private string Copy(string sample)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, Guid.NewGuid().ToString("N")[..8] + "-" + sample);
        File.Copy(TinyModelFixture.Sample(sample), path);
        return path;
    }

    [Fact]
    public async Task A_multi_page_document_completes_with_its_fields_and_pages_stored()
    {
        var store = NewStore();
        var path = Copy("invoice-multipage.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var pages = await PageCountAsync(path, fixture.Rasterization);
        pages.Should().BeGreaterThan(1);
        await using var host = await DurableAppHost.StartAsync(Activities(store));

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Completed);
        result.DocumentId.Should().Be(InstanceId(path, schema));
        result.PageCount.Should().Be(pages);
        result.PagesExtracted.Should().Be(pages);
        var document = (await store.GetDocumentAsync(result.DocumentId))!;
        document.Status.Should().Be(DocumentStatus.Completed);
        document.Fields.Keys.Should().Equal(schema.Fields.Select(f => f.Name));
        document.Model!.Name.Should().Be(fixture.Engine.Descriptor.Name);
        var stored = await store.GetPagesAsync(result.DocumentId);
        stored.Select(p => p.Page).Order().Should().Equal(Enumerable.Range(1, pages));
        stored.Should().OnlyContain(p => p.Status == PageStatuses.Done && p.Answers.Count == schema.Fields.Count && p.RunId == result.RunId);
        host.AttemptsOf(ActivityNames.RasterizeRange).Should().Be(pages, "one leaf per page with a leaf size of 1");
        host.AttemptsOf(ActivityNames.ExtractPage).Should().Be(pages);
        host.Executions[WorkflowNames.PageRange].Should().BeGreaterThan(1, "the pages ran as sub-orchestrations");
    }

    [Fact]
    public async Task A_finished_document_publishes_one_completion_event_and_a_publisher_outage_is_retried()
    {
        var store = NewStore();
        var path = Copy("invoice-simple.pdf");
        var corrupt = Path.Combine(_root, "corrupt.pdf");
        await File.WriteAllBytesAsync(corrupt, Encoding.ASCII.GetBytes("%PDF-1.7\nnot really a pdf"));
        var schema = EmbeddedSchemas.Get("invoice");
        var publisher = new CapturingPublisher(failuresFirst: 1);
        var activities = Activities(store);
        activities.Services.Options.CompletionNotifier = new FastVlm.DocPipeline.Workflow.Events.DocumentCompletionNotifier(store, publisher, id => "file://results/" + id);
        await using var host = await DurableAppHost.StartAsync(activities);

        var (_, completed) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));
        var (_, failed) = await host.RunAsync(Input(corrupt, schema), InstanceId(corrupt, schema));

        publisher.Published.Select(e => (e.DocumentId, e.EventType, e.RunId)).Should().Equal(
            (completed.DocumentId, FastVlm.DocPipeline.Contracts.Events.CompletionEventTypes.DocumentCompleted, completed.RunId),
            (failed.DocumentId, FastVlm.DocPipeline.Contracts.Events.CompletionEventTypes.DocumentFailed, failed.RunId));
        host.AttemptsOf(ActivityNames.PublishCompletion).Should().Be(3, "the first publish failed and was retried once, the second succeeded at once");
        publisher.Published[0].PagesDone.Should().Be(completed.PagesExtracted);
    }

    private sealed class CapturingPublisher(int failuresFirst) : FastVlm.DocPipeline.Contracts.Events.ICompletionEventPublisher
    {
        private int _failuresLeft = failuresFirst;

        public List<FastVlm.DocPipeline.Contracts.Events.DocumentCompletionEvent> Published { get; } = [];

        public Task PublishAsync(FastVlm.DocPipeline.Contracts.Events.DocumentCompletionEvent completion, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new FastVlm.DocPipeline.Events.CompletionEventException(FastVlm.DocPipeline.Events.EventErrorCodes.EventGridFailed, "The topic is down (test).");
            }

            lock (Published)
            {
                Published.Add(completion);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_corrupt_pdf_fails_at_once_without_retries()
    {
        var store = NewStore();
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "corrupt.pdf");
        await File.WriteAllTextAsync(path, "%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n");
        var schema = EmbeddedSchemas.Get("invoice");
        await using var host = await DurableAppHost.StartAsync(Activities(store));

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Failed);
        result.Error!.Code.Should().Be(RasterizationErrorCodes.Corrupt);
        host.AttemptsOf(ActivityNames.PrepareDocument).Should().Be(1);
        host.AttemptsOf(ActivityNames.RasterizeRange).Should().Be(0);
        host.AttemptsOf(ActivityNames.ExtractPage).Should().Be(0);
        (await store.GetDocumentAsync(result.DocumentId))!.Error!.Code.Should().Be(RasterizationErrorCodes.Corrupt);
    }

    [Fact]
    public async Task A_permanent_model_error_runs_once_per_page_under_the_durable_retry_policy()
    {
        var store = NewStore();
        var path = Copy("invoice-multipage.pdf");
        var pages = await PageCountAsync(path, fixture.Rasterization);
        var schema = new ExtractionSchema
        {
            Name = "too-long",
            Version = "1",
            Fields = [new SchemaField { Name = "essay", Question = "Why? " + new string('x', new FastVlmEngineOptions { ModelDirectory = "." }.MaxUserTextChars) }],
        };
        await using var host = await DurableAppHost.StartAsync(Activities(store));

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Failed);
        result.FailedPages.Should().HaveCount(pages).And.OnlyContain(f => f.Code == ModelErrorCodes.PromptTooLong && f.Attempts == 1);
        host.AttemptsOf(ActivityNames.ExtractPage).Should().Be(pages, "Fast retries allow 3 attempts, but a prompt that is too long stays too long");
    }

    [Fact]
    public async Task A_transient_storage_failure_is_retried_and_the_document_completes()
    {
        var store = new FlakyResultStore(NewStore()) { PageWritesToFail = 2 };
        var path = Copy("invoice-multipage.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var pages = await PageCountAsync(path, fixture.Rasterization);
        await using var host = await DurableAppHost.StartAsync(Activities(store));

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PagesFailed.Should().Be(0);
        host.AttemptsOf(ActivityNames.ExtractPage).Should().Be(pages + 2);
        (await store.GetPagesAsync(result.DocumentId)).Should().HaveCount(pages).And.OnlyContain(p => p.Status == PageStatuses.Done);
    }

    [Fact]
    public async Task A_page_that_keeps_failing_leaves_the_document_partially_failed()
    {
        var store = NewStore();
        var path = Copy("invoice-multipage.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var pages = await PageCountAsync(path, fixture.Rasterization);
        RasterizedPage second;
        await using (var stream = File.OpenRead(path))
        using (var rendered = await new DocumentRasterizer(fixture.Rasterization).OpenAsync(stream, path, fixture.Rasterization))
        {
            second = await rendered.RenderPageAsync(1);
        }

        var model = new FailingPageModel(fixture.Engine, second.Image);
        await using var host = await DurableAppHost.StartAsync(Activities(store, model));

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Completed);
        result.PagesExtracted.Should().Be(pages - 1);
        result.PagesFailed.Should().Be(1);
        result.FailedPages.Should().ContainSingle().Which.Should().Match<PageFailure>(f => f.Page == 2 && f.Attempts == 3);
        model.PoisonedAttempts.Should().Be(3);
        var document = (await store.GetDocumentAsync(result.DocumentId))!;
        document.PagesFailed.Should().Be(1);
        document.FailedPages.Should().ContainSingle(f => f.Page == 2);
        (await store.GetPagesAsync(result.DocumentId)).Single(p => p.Page == 2).Status.Should().Be(PageStatuses.Failed);
    }

    [Fact]
    public async Task Run_ids_come_from_NewGuid_and_stay_the_same_through_replays_and_a_retried_prepare()
    {
        var store = new FlakyResultStore(NewStore()) { RunWritesToFailAfterWriting = 1 };
        var path = Copy("invoice-simple.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var runIds = new List<string>();
        await using var host = await DurableAppHost.StartAsync(Activities(store), (name, input) =>
        {
            if (input is PrepareDocumentInput prepare)
            {
                lock (runIds)
                {
                    runIds.Add(prepare.RunId);
                }
            }
        });

        var (_, result) = await host.RunAsync(Input(path, schema), InstanceId(path, schema));

        result.Status.Should().Be(DocumentStatus.Completed);
        host.AttemptsOf(ActivityNames.PrepareDocument).Should().Be(2, "the first prepare wrote its run record, then failed");
        runIds.Should().HaveCount(2).And.OnlyContain(id => id == result.RunId);
        host.Executions[WorkflowNames.Document].Should().BeGreaterThan(2, "the orchestrator replayed after each step");
        (await store.GetRunsAsync(result.DocumentId)).Should().ContainSingle().Which.RunId.Should().Be(result.RunId);
    }

    [Fact]
    public async Task A_source_replaced_mid_run_fails_that_run_with_source_changed()
    {
        var store = NewStore();
        var path = Copy("invoice-multipage.pdf");
        var schema = EmbeddedSchemas.Get("invoice");
        var instanceId = InstanceId(path, schema);
        var other = await File.ReadAllBytesAsync(TinyModelFixture.Sample("invoice-simple.pdf"));
        var source = new ChangingDocumentSource(new LocalFileDocumentSource(), path, other, replaceBeforeOpen: 2);
        await using var host = await DurableAppHost.StartAsync(Activities(store, source: source));

        var (_, result) = await host.RunAsync(Input(path, schema) with { RasterizeChunkSize = 64 }, instanceId);

        result.Status.Should().Be(DocumentStatus.Failed);
        result.Error!.Code.Should().Be(WorkflowErrorCodes.SourceChanged);
        result.DocumentId.Should().Be(instanceId);
        (await store.GetPagesAsync(instanceId)).Should().NotContain(p => p.Status == PageStatuses.Done, "no page of the other file is stored under this document");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
