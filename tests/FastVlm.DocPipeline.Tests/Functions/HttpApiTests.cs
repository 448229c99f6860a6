using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Functions;
using FastVlm.DocPipeline.Functions.Http;
using FastVlm.DocPipeline.Functions.Schemas;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Hosting;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace FastVlm.DocPipeline.Tests.Functions;

/// <summary>
/// The HTTP functions and the blob trigger through their real types: ASP.NET Core requests, the real
/// <see cref="DurableTaskClient"/> of the Durable test host running the app's orchestrators, blobs and
/// schemas in Azurite, a file result store.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class HttpApiTests(LocalServicesFixture services) : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-http-" + Guid.NewGuid().ToString("N"));
    private readonly ScriptedVisionModel _model = new();
    private BlobContainerClient _incoming = null!;
    private FileResultStore _store = null!;
    private DurableAppHost _host = null!;
    private DocumentStarter _starter = null!;
    private DocumentsApi _api = null!;
    private IncomingDocumentTrigger _trigger = null!;

    public async Task InitializeAsync()
    {
        var blobs = services.BlobService();
        var prefix = "h" + Guid.NewGuid().ToString("N")[..10];
        _incoming = blobs.GetBlobContainerClient(prefix + "-incoming");
        var schemas = blobs.GetBlobContainerClient(prefix + "-schemas");
        await _incoming.CreateAsync();
        await schemas.CreateAsync();
        var invoice = EmbeddedSchemas.Get("invoice");
        await schemas.UploadBlobAsync($"invoice/{invoice.Version}.json", BinaryData.FromString(EmbeddedSchemas.TryGetJson("invoice")!));

        _store = new FileResultStore(Path.Combine(_root, "data"));
        var source = new BlobDocumentSource(blobs, new BlobStorageOptions { ConnectionString = services.StorageConnectionString, IncomingContainer = _incoming.Name });
        var activities = new DocumentActivities(source, new FakeRasterizer(), _model, _store, new FilePageImageStore(Path.Combine(_root, "data", "pages")));
        _host = await DurableAppHost.StartAsync(activities);
        var defaults = new DefaultSchemas("invoice");
        _starter = new DocumentStarter(source, new BlobSchemaCatalog(schemas), _store, TimeProvider.System, NullLogger<DocumentStarter>.Instance);
        _api = new DocumentsApi(_starter, defaults, _store);
        _trigger = new IncomingDocumentTrigger(_starter, defaults, NullLogger<IncomingDocumentTrigger>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _incoming.DeleteIfExistsAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static HttpRequest Post(string body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.Path = "/api/documents";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }

    private static HttpRequest Get(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = path;
        return context.Request;
    }

    private static (int Status, JsonNode Body) Read(IActionResult result)
    {
        var json = result.Should().BeOfType<JsonResult>().Subject;
        json.SerializerSettings.Should().BeSameAs(PipelineJson.Options);
        return (json.StatusCode!.Value, JsonNode.Parse(JsonSerializer.Serialize(json.Value, json.Value!.GetType(), PipelineJson.Options))!);
    }

    private static void ShouldBeError((int Status, JsonNode Body) response, int status, string code)
    {
        response.Status.Should().Be(status);
        ((string?)response.Body["error"]!["code"]).Should().Be(code);
        ((string?)response.Body["error"]!["message"]).Should().NotBeNullOrWhiteSpace();
    }

    private Task UploadAsync(string name, string content) => _incoming.UploadBlobAsync(name, BinaryData.FromString(content));

    [Fact]
    public async Task Bad_json_is_a_400_with_a_stable_code()
    {
        ShouldBeError(Read(await _api.SubmitAsync(Post("{\"name\": "), _host.Client)), 400, FunctionsErrorCodes.InvalidJson);
        ShouldBeError(Read(await _api.SubmitAsync(Post("{}"), _host.Client)), 400, FunctionsErrorCodes.NameMissing);
    }

    [Fact]
    public async Task An_unknown_schema_is_a_422_naming_the_schema()
    {
        await UploadAsync("a.pdf", FakeRasterizer.Describe(1));

        var response = Read(await _api.SubmitAsync(Post("{\"name\": \"a.pdf\", \"schema\": \"no-such-schema\"}"), _host.Client));

        ShouldBeError(response, 422, FunctionsErrorCodes.SchemaNotFound);
        ((string)response.Body["error"]!["message"]!).Should().Contain("no-such-schema");
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../schemas/invoice.json")]
    [InlineData("samples/schemas/invoice.json")]
    [InlineData("C:\\\\schemas\\\\x")]
    public async Task A_schema_path_is_refused_and_nothing_is_read(string schema)
    {
        await UploadAsync("b.pdf", FakeRasterizer.Describe(1));

        var response = Read(await _api.SubmitAsync(Post(JsonSerializer.Serialize(new { name = "b.pdf", schema })), _host.Client));

        ShouldBeError(response, 400, FunctionsErrorCodes.SchemaPathNotAllowed);
        _host.AttemptsOf(ActivityNames.PrepareDocument).Should().Be(0);
    }

    [Fact]
    public async Task A_missing_blob_is_a_404()
    {
        ShouldBeError(Read(await _api.SubmitAsync(Post("{\"name\": \"nowhere.pdf\"}"), _host.Client)), 404, BlobErrorCodes.NotFound);
    }

    [Fact]
    public async Task An_empty_blob_is_a_422_and_recorded_as_a_failed_document()
    {
        await UploadAsync("empty.pdf", "");

        var response = Read(await _api.SubmitAsync(Post("{\"name\": \"empty.pdf\"}"), _host.Client));

        ShouldBeError(response, 422, HostingErrorCodes.EmptyDocument);
        var failed = await _store.ListDocumentsAsync(DocumentStatus.Failed).ToListAsync();
        failed.Should().ContainSingle(d => d.Source.Name == "empty.pdf").Which.Error!.Code.Should().Be(HostingErrorCodes.EmptyDocument);
    }

    [Fact]
    public async Task A_submitted_blob_runs_to_completion_and_status_result_and_review_answer_without_management_urls()
    {
        await UploadAsync("ok.pdf", FakeRasterizer.Describe(3));
        _model.Default = ("maybe", 0.1);

        var submitted = Read(await _api.SubmitAsync(Post("{\"name\": \"ok.pdf\", \"schema\": \"invoice\"}"), _host.Client));

        submitted.Status.Should().Be(202);
        var documentId = (string)submitted.Body["documentId"]!;
        ((string?)submitted.Body["statusUrl"]).Should().Be($"/api/documents/{documentId}/status");
        submitted.Body.ToJsonString().Should().NotContainAny("terminate", "purge", "sendEventPostUri", "rewind", "code=");
        var (_, result) = await _host.WaitAsync(documentId);
        result.Status.Should().Be(DocumentStatus.Completed);

        var status = Read(await _api.GetStatusAsync(Get($"/api/documents/{documentId}/status"), documentId, _host.Client));
        status.Status.Should().Be(200);
        ((string?)status.Body["runtimeStatus"]).Should().Be("Completed");
        ((string?)status.Body["documentStatus"]).Should().Be("completed");
        ((int)status.Body["pagesDone"]!).Should().Be(3);
        ((string?)status.Body["progress"]!["stage"]).Should().Be("completed");
        status.Body.ToJsonString().Should().NotContainAny("terminate", "purge");

        var document = Read(await _api.GetDocumentAsync(Get($"/api/documents/{documentId}"), documentId));
        document.Status.Should().Be(200);
        document.Body["pages"]!.AsArray().Should().HaveCount(3);
        document.Body["document"]!["fields"]!.AsObject().Select(f => f.Key).Should().BeEquivalentTo(EmbeddedSchemas.Get("invoice").Fields.Select(f => f.Name));

        var queue = await new DocumentReviewService(_store).GetQueueAsync(new ReviewQueueQuery());
        queue.Documents.Select(d => d.DocumentId).Should().Contain(documentId, "low-confidence answers need review");

        ShouldBeError(Read(await _api.GetStatusAsync(Get("/api/documents/x/status"), "x", _host.Client)), 404, FunctionsErrorCodes.DocumentNotFound);
        var again = Read(await _api.SubmitAsync(Post("{\"name\": \"ok.pdf\"}"), _host.Client));
        again.Status.Should().Be(200);
        ((string?)again.Body["decision"]).Should().Be("alreadyCompleted");
    }

    [Fact]
    public async Task A_re_upload_of_the_same_bytes_while_the_first_run_is_active_starts_no_second_instance()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _model.BeforeEncode = (_, _, cancellationToken) => gate.Task.WaitAsync(cancellationToken);
        await UploadAsync("first.pdf", FakeRasterizer.Describe(2));
        await UploadAsync("copy-of-first.pdf", FakeRasterizer.Describe(2));
        var blob = _incoming.GetBlobClient("first.pdf");

        await _trigger.RunAsync(blob, "first.pdf", _host.Client, CancellationToken.None);
        var second = await _starter.StartAsync(_host.Client, "copy-of-first.pdf", new SchemaReference("invoice", null), force: false, CancellationToken.None);
        var instances = await _host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = second.DocumentId }).ToListAsync();
        gate.SetResult();

        second.Decision.Should().Be(StartDecision.AlreadyRunning);
        instances.Where(i => i.InstanceId == second.DocumentId).Should().ContainSingle();
        var (_, result) = await _host.WaitAsync(second.DocumentId);
        result.Status.Should().Be(DocumentStatus.Completed);
        _host.AttemptsOf(ActivityNames.PrepareDocument).Should().Be(1);
        (await _store.GetRunsAsync(second.DocumentId)).Should().ContainSingle();
    }

    [Fact]
    public async Task The_blob_trigger_skips_a_blob_that_is_gone()
    {
        var act = () => _trigger.RunAsync(_incoming.GetBlobClient("gone.pdf"), "gone.pdf", _host.Client, CancellationToken.None);

        await act.Should().NotThrowAsync();
        _host.AttemptsOf(ActivityNames.PrepareDocument).Should().Be(0);
    }
}
