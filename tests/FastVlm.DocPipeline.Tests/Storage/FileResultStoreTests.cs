using System.Text.Json;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Tests.Storage;

public sealed class FileResultStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "docpipe-store-" + Guid.NewGuid().ToString("N"));

    private static DocumentRecord NewDocument(string id, DocumentStatus status = DocumentStatus.Queued) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = "r1",
        Source = new SourceInfo(null, "a.pdf", null, "abc", 3),
        Schema = new SchemaRef("invoice", "1"),
        Status = status,
        CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public async Task Documents_pages_and_runs_round_trip_as_camel_case_json()
    {
        var store = new FileResultStore(_root);
        await store.UpdateDocumentAsync("d1", _ => NewDocument("d1", DocumentStatus.Completed) with
        {
            Fields = new Dictionary<string, FieldResult> { ["total"] = new() { Value = 12.5m, Raw = "$12.50", Currency = "USD", Found = true, Confidence = 0.9, Page = 1 } },
        });
        await store.UpsertPageAsync(new PageRecord { Id = "d1:2", DocumentId = "d1", RunId = "r1", Page = 2, Status = PageStatuses.Done, UpdatedAt = DateTime.UnixEpoch });
        await store.UpsertPageAsync(new PageRecord { Id = "d1:1", DocumentId = "d1", RunId = "r1", Page = 1, Status = PageStatuses.Done, UpdatedAt = DateTime.UnixEpoch });
        await store.UpsertRunAsync(new RunRecord { Id = "d1:run:r1", DocumentId = "d1", RunId = "r1", Status = DocumentStatus.Completed, StartedAt = DateTime.UnixEpoch });

        var document = (await store.GetDocumentAsync("d1"))!;
        document.Fields["total"].Value!.GetValue<decimal>().Should().Be(12.5m);
        (await store.GetPagesAsync("d1")).Select(p => p.Page).Should().Equal(1, 2);
        (await store.GetRunsAsync("d1")).Single().RunId.Should().Be("r1");
        (await store.GetDocumentAsync("missing")).Should().BeNull();

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "documents", "d1", "document.json")));
        json.RootElement.GetProperty("status").GetString().Should().Be("completed");
        json.RootElement.GetProperty("fields").GetProperty("total").GetProperty("value").GetDecimal().Should().Be(12.5m);
        json.RootElement.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_document_lose_nothing()
    {
        var store = new FileResultStore(_root);
        await store.UpdateDocumentAsync("d1", _ => NewDocument("d1"));

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() =>
            store.UpdateDocumentAsync("d1", current => current! with { PagesDone = current.PagesDone + 1 }))));

        (await store.GetDocumentAsync("d1"))!.PagesDone.Should().Be(40);
        Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public async Task Returning_the_same_record_writes_nothing()
    {
        var store = new FileResultStore(_root);
        var path = Path.Combine(_root, "documents", "d1", "document.json");
        await store.UpdateDocumentAsync("d1", _ => NewDocument("d1"));
        var before = File.GetLastWriteTimeUtc(path);
        File.SetLastWriteTimeUtc(path, before.AddDays(-1));

        await store.UpdateDocumentAsync("d1", current => current!);

        File.GetLastWriteTimeUtc(path).Should().Be(before.AddDays(-1));
    }

    [Fact]
    public async Task Listing_filters_by_status()
    {
        var store = new FileResultStore(_root);
        await store.UpdateDocumentAsync("a", _ => NewDocument("a", DocumentStatus.Completed));
        await store.UpdateDocumentAsync("b", _ => NewDocument("b", DocumentStatus.Failed));

        var all = new List<string>();
        await foreach (var d in store.ListDocumentsAsync())
        {
            all.Add(d.Id);
        }

        var failed = new List<string>();
        await foreach (var d in store.ListDocumentsAsync(DocumentStatus.Failed))
        {
            failed.Add(d.Id);
        }

        all.Should().Equal("a", "b");
        failed.Should().Equal("b");
    }

    [Fact]
    public async Task A_cancelled_write_leaves_the_old_file_and_no_temp_file()
    {
        var store = new FileResultStore(_root);
        await store.UpdateDocumentAsync("d1", _ => NewDocument("d1"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var act = () => store.UpsertRunAsync(new RunRecord { Id = "x", DocumentId = "d1", RunId = "r2", Status = DocumentStatus.Completed, StartedAt = DateTime.UnixEpoch }, cancelled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        (await store.GetRunsAsync("d1")).Should().BeEmpty();
        Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task Ids_that_are_not_plain_names_are_refused(string id)
    {
        var store = new FileResultStore(_root);
        var act = () => store.GetDocumentAsync(id);
        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task Page_images_stay_inside_their_folder()
    {
        var images = new FilePageImageStore(Path.Combine(_root, "pages"));
        var name = await images.SavePageImageAsync("d1", 3, new byte[] { 1, 2, 3 });

        name.Should().Be("d1/page-0003.png");
        await using (var stream = await images.OpenPageImageAsync(name))
        {
            stream.ReadByte().Should().Be(1);
        }

        var act = () => images.OpenPageImageAsync("../../etc/passwd");
        await act.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task A_page_text_layer_is_kept_beside_its_image_as_compact_json()
    {
        var images = new FilePageImageStore(Path.Combine(_root, "pages"));
        var text = new PageText
        {
            Width = 724,
            Height = 1024,
            Words = [new TextWord("Total", new PixelBox(10.04, 20, 50.96, 31.5), 0), new TextWord("<b>€</b>", new PixelBox(60, 20, 70, 31.5), 0)],
        };

        (await images.GetPageTextAsync("d1", 2)).Should().BeNull("nothing was stored for that page");
        await images.SavePageTextAsync("d1", 2, text);

        var path = images.PathOf("d1/page-0002.text.json");
        var json = await File.ReadAllTextAsync(path);
        json.Should().Contain("{\"t\":\"Total\",\"b\":[10,20,51,31.5],\"l\":0}").And.Contain("\"width\":724");
        var read = (await images.GetPageTextAsync("d1", 2))!;
        read.Words.Select(w => w.Text).Should().Equal("Total", "<b>€</b>");
        read.Words[0].Box.Should().Be(new PixelBox(10, 20, 51, 31.5));
        read.Width.Should().Be(724);

        await File.WriteAllTextAsync(path, "{\"width\": 1, \"words\": [{\"t\": \"x\", \"b\": [1, 2]}]}");
        var corrupt = () => images.GetPageTextAsync("d1", 2);
        (await corrupt.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be("store.page_text_corrupt");
    }

    [Fact]
    public async Task The_local_source_hashes_while_keeping_the_stream_at_its_start()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "in.bin");
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 31)).ToArray();
        await File.WriteAllBytesAsync(path, bytes);

        using var document = await new LocalFileDocumentSource(_root).OpenAsync("in.bin");

        document.Info.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        document.Info.Size.Should().Be(bytes.Length);
        document.Content.Position.Should().Be(0);
        var act = () => new LocalFileDocumentSource(_root).OpenAsync("missing.pdf");
        (await act.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be("source.not_found");
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
