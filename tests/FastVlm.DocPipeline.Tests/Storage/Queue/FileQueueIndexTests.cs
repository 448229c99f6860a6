using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Files;
using FastVlm.DocPipeline.Tests.Cli;
using FastVlm.DocPipeline.Workflow.Review;
using Microsoft.Data.Sqlite;

namespace FastVlm.DocPipeline.Tests.Storage.Queue;

/// <summary>
/// Issue 18: the file store's queue index (index.db) is a cache of the JSON files. It is built when missing, a corrupt
/// record shows in the queue with its fix, and whatever changed behind its back is found and repaired before it answers.
/// </summary>
public sealed class FileQueueIndexTests : IDisposable
{
    private static readonly DateTime Now = ReviewQueueContractTests.Document("x", 0).UpdatedAt.AddDays(1);

    private readonly string _root = Directory.CreateTempSubdirectory("docpipe-index-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string DocumentFile(string id) => Path.Combine(_root, "documents", id, "document.json");

    private async Task<FileResultStore> StoreWithAsync(params string[] ids)
    {
        var store = new FileResultStore(_root);
        for (var i = 0; i < ids.Length; i++)
        {
            var document = ReviewQueueContractTests.Document(ids[i], i + 1);
            await store.UpdateDocumentAsync(ids[i], _ => document);
        }

        return store;
    }

    private static async Task<List<string>> RecentAsync(FileResultStore store, int limit = 100) =>
        [.. (await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Limit = limit }, Now)).Documents.Select(d => d.DocumentId)];

    [Fact]
    public async Task The_first_request_builds_the_index_from_the_files_written_before_it()
    {
        var store = await StoreWithAsync("a1", "a2", "a3");
        File.Exists(store.IndexPath).Should().BeFalse("nothing asked for the queue yet");

        (await RecentAsync(store)).Should().Equal("a3", "a2", "a1");

        store.IndexPath.Should().Be(Path.Combine(_root, "index.db"));
        File.Exists(store.IndexPath).Should().BeTrue();
        await using var connection = new SqliteConnection($"Data Source={store.IndexPath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync()).Should().Be("wal");
    }

    [Fact]
    public async Task A_write_after_the_index_exists_is_indexed_in_the_same_step()
    {
        var store = await StoreWithAsync("a1");
        await RecentAsync(store);

        await store.UpdateDocumentAsync("a2", _ => ReviewQueueContractTests.Document("a2", 9));
        var fresh = new FileResultStore(_root);

        (await RecentAsync(fresh)).Should().Equal("a2", "a1");
    }

    [Fact]
    public async Task A_corrupt_document_is_an_unreadable_entry_with_its_fix_and_the_others_still_list()
    {
        var store = await StoreWithAsync("a1", "a2", "a3");
        await File.WriteAllTextAsync(DocumentFile("a2"), """{ "id": "a2", "documentId": """);
        var withNullSource = JsonNode.Parse(await File.ReadAllTextAsync(DocumentFile("a3")))!.AsObject();
        withNullSource["source"] = null;
        await File.WriteAllTextAsync(DocumentFile("a3"), withNullSource.ToJsonString());

        var queue = await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.NeedsReview }, Now);

        queue.Documents.Select(d => d.DocumentId).Should().Equal("a1");
        queue.Unreadable.Should().Be(2);
        queue.UnreadableRecords.Select(r => r.DocumentId).Should().Equal("a2", "a3");
        queue.UnreadableRecords[0].Problem.Should().Contain("not valid JSON");
        queue.UnreadableRecords[0].Fix.Should().Contain("docpipe extract").And.Contain("review.json");
        queue.UnreadableRecords[1].Problem.Should().Contain("'source' is null");
    }

    [Fact]
    public async Task A_document_broken_behind_the_index_shows_as_unreadable_even_off_the_page_asked_for()
    {
        var store = await StoreWithAsync("a1", "a2", "a3");
        (await RecentAsync(store, limit: 1)).Should().Equal("a3");
        await File.WriteAllTextAsync(DocumentFile("a1"), "{");

        var restarted = new FileResultStore(_root);
        var queue = await restarted.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Limit = 1 }, Now);

        queue.Documents.Select(d => d.DocumentId).Should().Equal("a3");
        queue.Unreadable.Should().Be(1);
        queue.UnreadableRecords.Single().DocumentId.Should().Be("a1");
    }

    [Fact]
    public async Task A_repaired_corrupt_document_comes_back_to_the_queue()
    {
        var store = await StoreWithAsync("a1", "a2");
        var good = await File.ReadAllTextAsync(DocumentFile("a2"));
        await File.WriteAllTextAsync(DocumentFile("a2"), "{");
        (await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent }, Now)).Unreadable.Should().Be(1);

        await File.WriteAllTextAsync(DocumentFile("a2"), good);
        var queue = await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent }, Now);

        queue.Unreadable.Should().Be(0);
        queue.Documents.Select(d => d.DocumentId).Should().Equal("a2", "a1");
    }

    [Fact]
    public async Task A_document_edited_behind_the_index_is_read_again_before_the_answer()
    {
        var store = await StoreWithAsync("a1", "a2");
        await RecentAsync(store);
        var edited = JsonNode.Parse(await File.ReadAllTextAsync(DocumentFile("a1")))!.AsObject();
        edited["status"] = "reviewed";
        edited["source"]!["name"] = "renamed-by-hand.pdf";
        await File.WriteAllTextAsync(DocumentFile("a1"), edited.ToJsonString());

        var line = (await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent }, Now)).Documents.Single(d => d.DocumentId == "a1");

        line.Status.Should().Be(DocumentStatus.Reviewed);
        line.Source.Should().Be("renamed-by-hand.pdf");
        (await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Reviewed }, Now)).Documents.Select(d => d.DocumentId).Should().Equal("a1");
    }

    [Fact]
    public async Task Folders_added_or_removed_behind_the_index_are_found_on_the_next_request()
    {
        var store = await StoreWithAsync("a1", "a2");
        await RecentAsync(store);
        var other = Directory.CreateTempSubdirectory("docpipe-index-other-").FullName;
        try
        {
            var elsewhere = new FileResultStore(other);
            await elsewhere.UpdateDocumentAsync("a3", _ => ReviewQueueContractTests.Document("a3", 5));
            Directory.Move(Path.Combine(other, "documents", "a3"), Path.Combine(_root, "documents", "a3"));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }

        Directory.Delete(Path.Combine(_root, "documents", "a1"), recursive: true);

        (await RecentAsync(store)).Should().Equal("a3", "a2");
        (await store.ListSchemaNamesAsync()).Should().Equal("invoice");
    }

    [Fact]
    public async Task A_deleted_index_is_built_again()
    {
        var store = await StoreWithAsync("a1", "a2");
        await RecentAsync(store);
        SqliteConnection.ClearAllPools();
        File.Delete(store.IndexPath);
        File.Delete(store.IndexPath + "-wal");
        File.Delete(store.IndexPath + "-shm");

        (await RecentAsync(store)).Should().Equal("a2", "a1");
        File.Exists(store.IndexPath).Should().BeTrue();
    }

    [Fact]
    public async Task An_index_deleted_under_an_open_connection_is_built_again()
    {
        var store = await StoreWithAsync("a1", "a2");
        await RecentAsync(store);
        File.Delete(store.IndexPath);

        (await RecentAsync(store)).Should().Equal("a2", "a1");
        await store.UpdateDocumentAsync("a3", _ => ReviewQueueContractTests.Document("a3", 7));
        (await RecentAsync(new FileResultStore(_root))).Should().Equal("a3", "a2", "a1");
    }

    [Fact]
    public async Task A_locked_index_never_loses_the_document_write_and_the_row_is_repaired_later()
    {
        var store = await StoreWithAsync("a1");
        await RecentAsync(store);
        await using (var blocker = new SqliteConnection($"Data Source={store.IndexPath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var transaction = blocker.BeginTransaction();
            await using var write = blocker.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "UPDATE documents SET page_count = page_count";
            await write.ExecuteNonQueryAsync();

            var started = DateTime.UtcNow;
            await store.UpdateDocumentAsync("a1", current => current! with { Status = DocumentStatus.Reviewed, UpdatedAt = current.UpdatedAt.AddMinutes(1) });
            (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(5), "a busy index holds a document write for a short timeout only");
            (await store.GetDocumentAsync("a1"))!.Status.Should().Be(DocumentStatus.Reviewed);
        }

        var line = (await store.QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent }, Now)).Documents.Single();
        line.Status.Should().Be(DocumentStatus.Reviewed);
    }

    [Fact]
    public async Task Writers_on_two_stores_of_one_folder_and_a_reader_keep_the_index_whole()
    {
        var extract = await StoreWithAsync("seed");
        await RecentAsync(extract);
        var review = new FileResultStore(_root);
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i:D2}").ToArray();

        var writers = ids.Select((id, i) => (i % 2 == 0 ? extract : review).UpdateDocumentAsync(id, _ => ReviewQueueContractTests.Document(id, 10 + i)));
        var readers = Enumerable.Range(0, 5).Select(_ => RecentAsync(new FileResultStore(_root)));
        await Task.WhenAll(writers.Concat<Task>(readers));
        await Task.WhenAll(ids.Take(10).Select(id => review.UpdateDocumentAsync(id, current => current! with { Status = DocumentStatus.Reviewed, UpdatedAt = current.UpdatedAt.AddHours(1) })));

        var queue = await new FileResultStore(_root).QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Reviewed, Limit = 500 }, Now);
        queue.Documents.Select(d => d.DocumentId).Should().BeEquivalentTo(ids.Take(10));
        (await RecentAsync(review, limit: 500)).Should().HaveCount(41);
    }

    [Fact]
    public async Task Results_reindex_rebuilds_the_index_and_prints_the_counts()
    {
        var store = await StoreWithAsync("a1", "a2", "a3");
        await RecentAsync(store);
        await File.WriteAllTextAsync(DocumentFile("a3"), "not json");

        var run = await Docpipe.RunProcessAsync(TimeSpan.FromMinutes(2), "results", "reindex", "--data", _root);

        run.Exit.Should().NotBe(0, "an unreadable document is a partial failure, as in results list");
        run.Err.Should().Contain("unreadable");
        run.Out.Should().Contain("2 documents indexed, 1 unreadable");
        run.Out.Should().Contain(Path.Combine(_root, "index.db"));
        run.HasStackTrace.Should().BeFalse();
        var queue = await new FileResultStore(_root).QueryQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent }, Now);
        queue.Documents.Select(d => d.DocumentId).Should().Equal("a2", "a1");
        queue.UnreadableRecords.Select(r => r.DocumentId).Should().Equal("a3");
    }
}
