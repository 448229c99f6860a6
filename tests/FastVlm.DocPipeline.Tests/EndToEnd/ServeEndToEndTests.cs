using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Blobs;
using FastVlm.DocPipeline.Cli;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Rasterization;
using FastVlm.DocPipeline.Tests.Services;
using FastVlm.DocPipeline.Tests.TestSupport;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Tests.EndToEnd;

/// <summary>
/// `docpipe serve` as a child process on Azurite and the Cosmos API server with the tiny synthetic model:
/// uploads → documents and pages in Cosmos → the sample queries; duplicates, concurrent hosts, a killed host,
/// Cosmos DB unavailable, bad blobs.
/// </summary>
[Collection(LocalServicesCollection.Name)]
public sealed class ServeEndToEndTests(LocalServicesFixture services, ServeTestModel model) : IClassFixture<ServeTestModel>, IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);
    private readonly string _incoming = "in" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _pages = "pg" + Guid.NewGuid().ToString("N")[..10];
    private readonly CosmosResultStoreOptions _cosmos = services.CosmosOptions();
    private readonly List<ServeProcess> _processes = [];

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    private ServeProcess StartServe(params string[] extra) => StartServeWith(services.StorageConnectionString, model.Directory, _incoming, extra);

    private ServeProcess StartServeWith(string storage, string modelDirectory, string incoming, string[] extra)
    {
        string[] arguments =
        [
            "--storage", storage,
            "--cosmos", services.CosmosEndpoint.ToString(), "--cosmos-key", services.CosmosKey, "--emulator",
            "--database", _cosmos.DatabaseName, "--create-if-missing",
            "--incoming", incoming, "--pages", _pages,
            "--model", modelDirectory,
            "--fast-activity-retries", "--retry-delay", "0.05",
            .. extra,
        ];
        var process = ServeProcess.Start(arguments);
        _processes.Add(process);
        return process;
    }

    private Task<(int Exit, string Output)> ServeOnceAsync(params string[] extra) =>
        ServeOnceWithAsync(services.StorageConnectionString, model.Directory, _incoming, extra);

    private async Task<(int Exit, string Output)> ServeOnceWithAsync(string storage, string modelDirectory, string incoming, params string[] extra)
    {
        using var process = StartServeWith(storage, modelDirectory, incoming, ["--once", .. extra]);
        var exit = await process.WaitAsync(RunLimit);
        return (exit, process.Output);
    }

    /// <summary>Exit 1 with exactly one "error [code]: ..." line, no stack trace and no null code; returns that line.</summary>
    private static string ShouldBeOneErrorLine(int exit, string output)
    {
        exit.Should().Be(ExitCodes.UsageOrInput, output);
        output.Should().NotContain("   at ", "no stack trace").And.NotContain("(null)");
        return output.Split('\n').Where(l => l.StartsWith("error", StringComparison.Ordinal)).Should().ContainSingle(output).Which;
    }

    private async Task UploadAsync(string name, byte[] content)
    {
        var container = services.BlobService().GetBlobContainerClient(_incoming);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true);
    }

    private async Task<List<DocumentRecord>> DocumentsAsync()
    {
        using var store = new CosmosResultStore(_cosmos);
        return await store.ListDocumentsAsync().ToListAsync();
    }

    private async Task<JsonElement[]> SampleQueryAsync(string file, params string[] parameters)
    {
        var root = new RootCommand { QueryCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "query", Path.Combine(RepoPaths.Samples, "queries", file), "--json",
            "--cosmos", services.CosmosEndpoint.ToString(), "--cosmos-key", services.CosmosKey, "--emulator", "--database", _cosmos.DatabaseName,
            .. parameters,
        ];
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        exit.Should().Be(ExitCodes.Success, error.ToString());
        return JsonSerializer.Deserialize<JsonElement[]>(output.ToString())!;
    }

    private static async Task AssertPagesCompleteAsync(CosmosResultStore store, DocumentRecord document)
    {
        var pages = await store.GetPagesAsync(document.DocumentId);
        pages.Select(p => p.Page).Should().Equal(Enumerable.Range(1, document.PageCount), $"document {document.DocumentId} has one item per page");
        pages.Should().OnlyContain(p => p.Status == PageStatuses.Done && p.Answers.Count > 0);
        document.PagesDone.Should().Be(document.PageCount);
    }

    [Fact]
    public async Task Uploads_become_queryable_documents_duplicates_merge_and_bad_blobs_fail_with_codes()
    {
        await UploadAsync("invoice-simple.pdf", TestFiles.Sample("invoice-simple"));
        await UploadAsync("invoice-multipage.pdf", TestFiles.Sample("invoice-multipage"));
        await UploadAsync("receipt.pdf", TestFiles.Sample("receipt"));
        await UploadAsync("again/invoice-simple-copy.pdf", TestFiles.Sample("invoice-simple"));
        await UploadAsync("empty.pdf", []);
        await UploadAsync("notes.pdf", "these are not the bytes of a PDF\n"u8.ToArray());
        await UploadAsync("locked.pdf", TestPdfs.Encrypted("secret"));

        var (exit, output) = await ServeOnceAsync("--concurrency", "2", "--results-container", "rs" + _incoming[2..]);

        exit.Should().Be(ExitCodes.PartialFailure, output);
        output.Should().Contain("serve: 4 completed, 3 failed");
        var documents = await DocumentsAsync();
        documents.Should().HaveCount(6, "the copy of invoice-simple is the same document");
        var completed = documents.Where(d => d.Status == DocumentStatus.Completed).ToList();
        completed.Select(d => d.Source.Name == "again/invoice-simple-copy.pdf" ? "invoice-simple.pdf" : d.Source.Name)
            .Should().BeEquivalentTo("invoice-simple.pdf", "invoice-multipage.pdf", "receipt.pdf");
        completed.Single(d => d.Source.Name == "invoice-multipage.pdf").PageCount.Should().BeGreaterThan(1);
        var failed = documents.Where(d => d.Status == DocumentStatus.Failed).ToDictionary(d => d.Source.Name, d => d.Error!.Code);
        failed.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["empty.pdf"] = "input.empty",
            ["notes.pdf"] = "input.unsupported_format",
            ["locked.pdf"] = "pdf.encrypted",
        });

        using var store = new CosmosResultStore(_cosmos);
        foreach (var document in completed)
        {
            await AssertPagesCompleteAsync(store, document);
            document.Source.Sha256.Should().HaveLength(64);
            var image = services.BlobService().GetBlobContainerClient(_pages).GetBlobClient($"{document.DocumentId}/page-0001.png");
            (await image.ExistsAsync()).Value.Should().BeTrue();
        }

        var duplicate = completed.Single(d => d.Source.Name.Contains("invoice-simple"));
        (await store.GetRunsAsync(duplicate.DocumentId)).Should().HaveCount(2, "each upload is a run of the one document");

        var failedRows = await SampleQueryAsync("failed-documents.sql");
        failedRows.ToDictionary(r => r.GetProperty("file").GetString()!, r => r.GetProperty("code").GetString())
            .Should().BeEquivalentTo(failed);
        var reviewRows = await SampleQueryAsync("needs-review.sql");
        reviewRows.Select(r => r.GetProperty("documentId").GetString())
            .Should().BeEquivalentTo(completed.Where(d => d.NeedsReview).Select(d => d.DocumentId));
        var vendorOf = completed.Select(d => d.Fields.GetValueOrDefault("vendorName")?.Value?.ToString()).FirstOrDefault(v => v is not null);
        if (vendorOf is not null)
        {
            var vendorRows = await SampleQueryAsync("invoices-of-vendor.sql", "-p", $"vendor={JsonSerializer.Serialize(vendorOf)}");
            vendorRows.Select(r => r.GetProperty("documentId").GetString()).Should().BeEquivalentTo(
                completed.Where(d => d.Fields.GetValueOrDefault("vendorName")?.Value?.ToString() == vendorOf).Select(d => d.DocumentId));
        }

        var (again, againOutput) = await ServeOnceAsync();
        again.Should().Be(ExitCodes.Success, againOutput);
        againOutput.Should().Contain("serve: 0 completed, 0 failed");
        (await DocumentsAsync()).Should().HaveCount(6);
    }

    [Fact]
    public async Task An_encrypted_upload_opens_with_serve_password_and_the_password_is_never_printed_or_stored()
    {
        await UploadAsync("locked.pdf", TestPdfs.Encrypted("s3cret-pw"));

        var (exit, output) = await ServeOnceAsync("--password", "s3cret-pw");

        exit.Should().Be(ExitCodes.Success, output);
        output.Should().Contain("serve: 1 completed").And.NotContain("s3cret-pw");
        var document = (await DocumentsAsync()).Should().ContainSingle().Which;
        document.Status.Should().Be(DocumentStatus.Completed);
        JsonSerializer.Serialize(document).Should().NotContain("s3cret-pw");
    }

    [Fact]
    public async Task Two_hosts_writing_the_same_document_lose_no_page()
    {
        var pdf = TestFiles.Sample("invoice-multipage");
        await UploadAsync("a.pdf", pdf);
        await UploadAsync("b.pdf", pdf);

        var first = StartServe("--once");
        var second = StartServe("--once");
        (await first.WaitAsync(RunLimit)).Should().Be(ExitCodes.Success, first.Output);
        (await second.WaitAsync(RunLimit)).Should().Be(ExitCodes.Success, second.Output);

        var document = (await DocumentsAsync()).Should().ContainSingle().Subject;
        document.Status.Should().Be(DocumentStatus.Completed);
        document.PageCount.Should().BeGreaterThan(1);
        using var store = new CosmosResultStore(_cosmos);
        await AssertPagesCompleteAsync(store, document);
        (await store.GetRunsAsync(document.DocumentId)).Should().HaveCountGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Host_killed_mid_document_finishes_it_on_the_next_run_without_duplicates()
    {
        const int pageCount = 12;
        var pdf = ServeTestPdfs.ManyPages(pageCount);
        await UploadAsync("long.pdf", pdf);
        var documentId = DocumentIdentity.Compute(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), "invoice",
            EmbeddedSchemas.Get("invoice").Version,
            SchemaHasher.Compute(EmbeddedSchemas.Get("invoice")));
        using var store = new CosmosResultStore(_cosmos);

        var host = StartServe("--once");
        var donePages = 0;
        while (!host.HasExited && donePages < 2)
        {
            await Task.Delay(100);
            donePages = await CountPagesSafelyAsync(store, documentId);
        }

        host.Kill();
        host.HasExited.Should().BeTrue();
        var interrupted = await store.GetDocumentAsync(documentId);
        interrupted.Should().NotBeNull(host.Output);
        interrupted!.Status.Should().NotBe(DocumentStatus.Completed, "the host must be killed mid-document for this test to mean anything");

        var (exit, output) = await ServeOnceAsync();

        exit.Should().Be(ExitCodes.Success, output);
        var document = (await DocumentsAsync()).Should().ContainSingle().Subject;
        document.Status.Should().Be(DocumentStatus.Completed);
        document.PageCount.Should().Be(pageCount);
        await AssertPagesCompleteAsync(store, document);
        var runs = await store.GetRunsAsync(documentId);
        runs.Should().HaveCount(2);
        runs[1].Status.Should().Be(DocumentStatus.Completed);
        runs[1].PagesSkipped.Should().NotBeEmpty("the second run resumes: pages the killed run finished are not extracted again");
    }

    [Fact]
    public async Task Document_is_retried_not_lost_while_cosmos_is_unavailable()
    {
        using (var store = new CosmosResultStore(_cosmos))
        {
            await store.GetContainerAsync();
        }

        await UploadAsync("invoice.pdf", TestFiles.Sample("invoice-simple"));
        try
        {
            await services.InjectCosmosFaultsAsync(503, 1_000_000, pathContains: "/docs");
            var (down, downOutput) = await ServeOnceAsync("--max-attempts", "2", "--cosmos-retries", "1");
            down.Should().Be(ExitCodes.InternalError, downOutput);
            downOutput.Should().Contain("serve: 0 completed, 0 failed, 0 partially failed, 0 already done, 1 pending");
        }
        finally
        {
            await services.ClearCosmosFaultsAsync();
        }

        var (up, upOutput) = await ServeOnceAsync();

        up.Should().Be(ExitCodes.Success, upOutput);
        upOutput.Should().Contain("serve: 1 completed");
        var document = (await DocumentsAsync()).Should().ContainSingle().Subject;
        document.Status.Should().Be(DocumentStatus.Completed);
    }

    [Fact]
    public async Task Queue_mode_processes_the_announced_blobs_only()
    {
        var queueName = "q" + _incoming[2..];
        await UploadAsync("announced.pdf", TestFiles.Sample("receipt"));
        await UploadAsync("silent.pdf", TestFiles.Sample("invoice-simple"));
        var queue = new Azure.Storage.Queues.QueueClient(services.StorageConnectionString, queueName);
        await queue.CreateAsync();
        await queue.SendMessageAsync($$$"""{"eventType":"Microsoft.Storage.BlobCreated","subject":"/blobServices/default/containers/{{{_incoming}}}/blobs/announced.pdf"}""");

        var (exit, output) = await ServeOnceAsync("--queue", queueName);

        exit.Should().Be(ExitCodes.Success, output);
        output.Should().Contain("serve: 1 completed, 0 failed");
        var document = (await DocumentsAsync()).Should().ContainSingle().Subject;
        document.Source.Name.Should().Be("announced.pdf");
        document.Status.Should().Be(DocumentStatus.Completed);
        (await queue.PeekMessagesAsync()).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task Model_that_cannot_load_stops_serve_with_one_error_and_blames_no_document()
    {
        await UploadAsync("invoice.pdf", TestFiles.Sample("invoice-simple"));
        var broken = Directory.CreateTempSubdirectory("docpipe-broken-model-").FullName;
        File.WriteAllText(Path.Combine(broken, "config.json"), "{ this is not a model");
        try
        {
            var (exit, output) = await ServeOnceWithAsync(services.StorageConnectionString, broken, _incoming);

            ShouldBeOneErrorLine(exit, output).Should().StartWith("error [model.").And.Contain(broken);
            (await DocumentsAsync()).Should().BeEmpty("a host fault is no document's failure");
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }

        var (fixedExit, fixedOutput) = await ServeOnceAsync();
        fixedExit.Should().Be(ExitCodes.Success, fixedOutput);
        fixedOutput.Should().Contain("serve: 1 completed", "nothing was checkpointed while the model was broken");
    }

    [Theory]
    [InlineData("garbage", BlobErrorCodes.InvalidConnectionString)]
    [InlineData("key-not-base64", BlobErrorCodes.InvalidConnectionString)]
    [InlineData("wrong-key", BlobErrorCodes.Unauthorized)]
    [InlineData("closed-port", BlobErrorCodes.Unavailable)]
    [InlineData("invalid-container", BlobErrorCodes.InvalidName)]
    public async Task Unusable_storage_settings_are_one_line_errors(string setting, string code)
    {
        await UploadAsync("invoice.pdf", TestFiles.Sample("invoice-simple"));
        var storage = services.StorageConnectionString;
        var incoming = _incoming;
        var key = System.Text.RegularExpressions.Regex.Match(storage, "AccountKey=([^;]+)").Groups[1].Value;
        switch (setting)
        {
            case "garbage":
                storage = "this is no connection string";
                break;
            case "key-not-base64":
                storage = storage.Replace(key, "not-base64!", StringComparison.Ordinal);
                break;
            case "wrong-key":
                storage = storage.Replace(key, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);
                break;
            case "closed-port":
                storage = System.Text.RegularExpressions.Regex.Replace(storage, @"BlobEndpoint=http://127\.0\.0\.1:\d+", $"BlobEndpoint=http://127.0.0.1:{ClosedPort()}");
                break;
            case "invalid-container":
                incoming = "Not_A_Container";
                break;
        }

        var (exit, output) = await ServeOnceWithAsync(storage, model.Directory, incoming);

        ShouldBeOneErrorLine(exit, output).Should().StartWith($"error [{code}]:");
        (await DocumentsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Mistyped_incoming_container_is_named_in_the_error_and_not_created()
    {
        await UploadAsync("invoice.pdf", TestFiles.Sample("invoice-simple"));
        var typo = _incoming + "x";

        var (exit, output) = await ServeOnceWithAsync(services.StorageConnectionString, model.Directory, typo);

        ShouldBeOneErrorLine(exit, output).Should().StartWith($"error [{BlobErrorCodes.ContainerNotFound}]:").And.Contain($"'{typo}'");
        (await services.BlobService().GetBlobContainerClient(typo).ExistsAsync()).Value.Should().BeFalse();
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<int> CountPagesSafelyAsync(CosmosResultStore store, string documentId)
    {
        try
        {
            return (await store.GetPagesAsync(documentId)).Count(p => p.Status == PageStatuses.Done);
        }
        catch (CosmosStoreException)
        {
            return 0;
        }
    }
}
