using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Storage.Queue;

/// <summary>
/// Issue 18: the review queue as a query. Each store that answers it (<see cref="IReviewQueueSource"/>) runs this suite
/// through its own subclass, and its answers must be those of <see cref="ReviewQueueFilter"/> over a read of every document.
/// </summary>
public abstract class ReviewQueueContractTests : IAsyncLifetime
{
    protected static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    protected static readonly DateTime Now = T0.AddDays(1);

    private IResultStore _store = null!;

    protected IResultStore Store => _store;

    protected IReviewQueueSource Queue => (IReviewQueueSource)_store;

    protected abstract Task<IResultStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    internal static DocumentRecord Document(
        string id,
        int minute,
        DocumentStatus status = DocumentStatus.Completed,
        bool flagged = true,
        string schema = "invoice",
        string vendor = "Contoso Ltd.",
        RunLease? lease = null) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = lease?.RunId ?? "run1",
        FieldsRunId = "run1",
        Lease = lease,
        Source = new SourceInfo("incoming", $"{id}.pdf", null, "abc", 3),
        Schema = new SchemaRef(schema, "1"),
        Status = status,
        PageCount = 2,
        PagesFailed = status == DocumentStatus.Failed ? 1 : 0,
        Fields = new Dictionary<string, FieldResult>
        {
            ["vendor"] = new() { Value = JsonValue.Create(vendor), Raw = vendor, Found = true, Confidence = 0.97, Page = 1 },
            ["total"] = new() { Value = JsonValue.Create(1100m), Raw = "EUR 1,100.00", Found = true, Confidence = flagged ? 0.4 : 0.99, Page = 1, NeedsReview = flagged },
        },
        CreatedAt = T0,
        UpdatedAt = T0.AddMinutes(minute),
    };

    /// <summary>The documents every test starts from, by id: what each view must list.</summary>
    protected async Task SeedAsync()
    {
        DocumentRecord[] documents =
        [
            Document("d01", 1),
            Document("d02", 2, schema: "receipt", vendor: "Fabrikam 100%_off"),
            Document("d03", 3, flagged: false),
            Document("d04", 4, status: DocumentStatus.Reviewed),
            Document("d05", 5, status: DocumentStatus.Failed, flagged: false),
            Document("d06", 6, status: DocumentStatus.Extracting, lease: new RunLease { RunId = "run2", ExpiresAt = Now.AddHours(1) }),
            Document("d07", 7, status: DocumentStatus.Extracting, lease: new RunLease { RunId = "run2", ExpiresAt = Now.AddHours(-1) }),
            Document("d08", 8),
            Document("d09", 8),
        ];
        foreach (var document in documents)
        {
            await _store.UpdateDocumentAsync(document.DocumentId, _ => document);
        }
    }

    protected Task<ReviewQueue> QueryAsync(ReviewQueueView view, string? schema = null, string? search = null, int limit = 100, string? continuation = null) =>
        Queue.QueryQueueAsync(new ReviewQueueQuery { View = view, Schema = schema, Search = search, Limit = limit, Continuation = continuation }, Now);

    private static IEnumerable<string> Ids(ReviewQueue queue) => queue.Documents.Select(d => d.DocumentId);

    [Theory]
    [InlineData(ReviewQueueView.NeedsReview, new[] { "d08", "d09", "d07", "d06", "d02", "d01" })]
    [InlineData(ReviewQueueView.Failed, new[] { "d05" })]
    [InlineData(ReviewQueueView.Reviewed, new[] { "d04" })]
    [InlineData(ReviewQueueView.Recent, new[] { "d08", "d09", "d07", "d06", "d05", "d04", "d03", "d02", "d01" })]
    public async Task Each_view_lists_its_documents_newest_first_then_by_id(ReviewQueueView view, string[] expected)
    {
        await SeedAsync();

        var queue = await QueryAsync(view);

        Ids(queue).Should().Equal(expected);
        queue.Truncated.Should().BeFalse();
        queue.Continuation.Should().BeNull();
    }

    [Fact]
    public async Task The_store_answers_as_the_filter_does_over_every_document()
    {
        await SeedAsync();
        var all = new List<DocumentRecord>();
        await foreach (var document in _store.ListDocumentsAsync())
        {
            all.Add(document);
        }

        foreach (var view in Enum.GetValues<ReviewQueueView>())
        {
            var expected = all.Where(d => ReviewQueueFilter.InView(view, d.Status, d.Queue!, Now))
                .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.DocumentId, StringComparer.Ordinal)
                .Select(d => ReviewQueueItem.Of(d, Now));
            (await QueryAsync(view)).Documents.Should().Equal(expected, $"the {view} view is defined by ReviewQueueFilter");
        }
    }

    [Fact]
    public async Task A_line_carries_what_the_queue_shows()
    {
        await SeedAsync();

        var line = (await QueryAsync(ReviewQueueView.Recent)).Documents.Single(d => d.DocumentId == "d07");

        line.Should().BeEquivalentTo(new
        {
            DocumentId = "d07",
            Source = "d07.pdf",
            Schema = "invoice",
            Status = DocumentStatus.Extracting,
            NeedsReview = true,
            FieldsToReview = 1,
            FieldsReviewed = 0,
            PageCount = 2,
            UpdatedAt = T0.AddMinutes(7),
            ETag = "run1.0",
            Interrupted = true,
            FieldsStale = 0,
        });
    }

    [Fact]
    public async Task The_schema_filter_ignores_case()
    {
        await SeedAsync();

        Ids(await QueryAsync(ReviewQueueView.Recent, schema: "RECEIPT")).Should().Equal("d02");
        Ids(await QueryAsync(ReviewQueueView.NeedsReview, schema: "invoice")).Should().Equal("d08", "d09", "d07", "d06", "d01");
        (await QueryAsync(ReviewQueueView.Recent, schema: "none")).Documents.Should().BeEmpty();
    }

    [Fact]
    public async Task Search_finds_ids_source_names_and_values_ignoring_case_and_takes_wildcards_literally()
    {
        await SeedAsync();

        Ids(await QueryAsync(ReviewQueueView.Recent, search: "  FABRIKAM ")).Should().Equal("d02");
        Ids(await QueryAsync(ReviewQueueView.Recent, search: "100%_off")).Should().Equal("d02");
        (await QueryAsync(ReviewQueueView.Recent, search: "0%o")).Documents.Should().BeEmpty("% is a character, not a wildcard");
        (await QueryAsync(ReviewQueueView.Recent, search: "fabrikam_100")).Documents.Should().BeEmpty("_ is a character, not a wildcard");
        Ids(await QueryAsync(ReviewQueueView.Recent, search: "d05.pdf")).Should().Equal("d05");
        Ids(await QueryAsync(ReviewQueueView.NeedsReview, search: "contoso")).Should().Equal("d08", "d09", "d07", "d06", "d01");
    }

    [Fact]
    public async Task A_limit_truncates_and_the_continuation_pages_through_every_line_once()
    {
        await SeedAsync();

        var first = await QueryAsync(ReviewQueueView.Recent, limit: 1);
        Ids(first).Should().Equal("d08");
        first.Truncated.Should().BeTrue();
        first.Continuation.Should().NotBeNullOrEmpty();

        var seen = new List<string>(Ids(first));
        var token = first.Continuation;
        var pages = 1;
        while (token is not null)
        {
            var page = await QueryAsync(ReviewQueueView.Recent, limit: 4, continuation: token);
            page.Documents.Count.Should().BeLessThanOrEqualTo(4);
            seen.AddRange(Ids(page));
            token = page.Continuation;
            page.Truncated.Should().Be(token is not null);
            pages++;
            pages.Should().BeLessThan(10);
        }

        seen.Should().Equal("d08", "d09", "d07", "d06", "d05", "d04", "d03", "d02", "d01");
    }

    [Fact]
    public async Task Paging_keeps_the_view_schema_and_search_of_the_query()
    {
        await SeedAsync();

        var first = await QueryAsync(ReviewQueueView.NeedsReview, schema: "invoice", search: "contoso", limit: 2);
        var second = await QueryAsync(ReviewQueueView.NeedsReview, schema: "invoice", search: "contoso", limit: 2, continuation: first.Continuation);

        var third = await QueryAsync(ReviewQueueView.NeedsReview, schema: "invoice", search: "contoso", limit: 2, continuation: second.Continuation);

        Ids(first).Should().Equal("d08", "d09");
        Ids(second).Should().Equal("d07", "d06");
        Ids(third).Should().Equal("d01");
        third.Continuation.Should().BeNull();
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("eyJ4IjoxfQ")]
    [InlineData("c1.Z2FyYmFnZQ")]
    [InlineData("cTE6bm90LWEtbnVtYmVyOmQwMQ")]
    public async Task A_continuation_the_queue_did_not_hand_out_is_refused(string token)
    {
        await SeedAsync();

        var act = () => QueryAsync(ReviewQueueView.Recent, continuation: token);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("first page");
    }

    [Fact]
    public async Task A_written_document_moves_in_the_queue_at_once()
    {
        await SeedAsync();

        await _store.UpdateDocumentAsync("d01", current => current! with { Status = DocumentStatus.Reviewed, UpdatedAt = T0.AddMinutes(30) });

        Ids(await QueryAsync(ReviewQueueView.Reviewed)).Should().Equal("d01", "d04");
        Ids(await QueryAsync(ReviewQueueView.NeedsReview)).Should().NotContain("d01");
    }

    [Fact]
    public async Task The_schema_list_names_each_schema_once()
    {
        await SeedAsync();
        await _store.UpdateDocumentAsync("d10", _ => Document("d10", 10, schema: "Invoice"));

        (await Queue.ListSchemaNamesAsync()).Should().HaveCount(2).And.Contain("receipt").And.Contain(n => string.Equals(n, "invoice", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_review_service_asks_the_store_instead_of_reading_every_document()
    {
        await SeedAsync();
        var service = new DocumentReviewService(_store, new FixedTime(Now));

        var queue = await service.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.NeedsReview, Limit = 2 });

        Ids(queue).Should().Equal("d08", "d09");
        queue.Continuation.Should().NotBeNull();
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
