using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Tests.Services;

namespace FastVlm.DocPipeline.Tests.Storage;

[Collection(LocalServicesCollection.Name)]
public sealed class CosmosResultStoreTests : IDisposable
{
    private readonly LocalServicesFixture _services;
    private readonly CosmosResultStoreOptions _options;
    private readonly CosmosResultStore _store;

    public CosmosResultStoreTests(LocalServicesFixture services)
    {
        _services = services;
        _options = services.CosmosOptions();
        _store = new CosmosResultStore(_options);
    }

    public void Dispose() => _store.Dispose();

    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    internal static DocumentRecord NewDocument(string id, string runId = "run1", DocumentStatus status = DocumentStatus.Queued) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = runId,
        Source = new SourceInfo("incoming", id + ".pdf", "\"0x1\"", "ab12", 1234),
        Schema = new SchemaRef("invoice", "1"),
        Status = status,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static PageRecord NewPage(string documentId, int page, string runId = "run1", string raw = "Contoso") => new()
    {
        Id = PageRecord.MakeId(documentId, page),
        DocumentId = documentId,
        RunId = runId,
        Page = page,
        Status = "done",
        ImageName = $"{documentId}/page-{page:D4}.png",
        Answers = new Dictionary<string, PageAnswer> { ["vendor"] = new() { Raw = raw, Value = JsonValue.Create(raw), Found = true, Confidence = 0.9 } },
        UpdatedAt = T0,
    };

    [Fact]
    public async Task Missing_document_reads_as_null()
    {
        (await _store.GetDocumentAsync("nope")).Should().BeNull();
    }

    [Fact]
    public async Task Document_round_trips_and_is_stored_in_camel_case()
    {
        var fields = new Dictionary<string, FieldResult>
        {
            ["total"] = new() { Value = JsonValue.Create(1234.5m), Raw = "1,234.50", Currency = "EUR", Found = true, Confidence = 0.8, Page = 1 },
            ["vendor"] = new() { Value = JsonValue.Create("Contoso"), Raw = "Contoso", Found = true, Confidence = 0.95, Page = 1 },
        };
        var written = await _store.UpdateDocumentAsync("d1", current =>
        {
            current.Should().BeNull();
            return NewDocument("d1") with { Fields = fields, Status = DocumentStatus.Completed, PageCount = 2, PagesDone = 2 };
        });

        var read = await _store.GetDocumentAsync("d1");
        read.Should().NotBeNull();
        read!.Status.Should().Be(DocumentStatus.Completed);
        read.Fields["total"].Value!.GetValue<decimal>().Should().Be(1234.5m);
        read.Fields["vendor"].Raw.Should().Be("Contoso");
        read.Source.Should().Be(written.Source);

        var raw = await SingleItemAsync("SELECT * FROM c WHERE c.id = 'd1'");
        raw.GetProperty("documentId").GetString().Should().Be("d1");
        raw.GetProperty("type").GetString().Should().Be("document");
        raw.GetProperty("status").GetString().Should().Be("completed");
        raw.GetProperty("fields").GetProperty("total").GetProperty("value").GetDecimal().Should().Be(1234.5m);
        raw.TryGetProperty("Status", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Update_returning_the_same_instance_writes_nothing()
    {
        await _store.UpdateDocumentAsync("d2", _ => NewDocument("d2"));
        var before = await SingleItemAsync("SELECT c._etag FROM c WHERE c.id = 'd2'");

        var result = await _store.UpdateDocumentAsync("d2", current => current!);

        result.Status.Should().Be(DocumentStatus.Queued);
        var after = await SingleItemAsync("SELECT c._etag FROM c WHERE c.id = 'd2'");
        after.GetProperty("_etag").GetString().Should().Be(before.GetProperty("_etag").GetString());
    }

    [Fact]
    public async Task Stale_writer_gets_a_conflict_and_reapplies_on_fresh_state()
    {
        await _store.UpdateDocumentAsync("d3", _ => NewDocument("d3") with { PageCount = 4 });
        var calls = 0;

        var result = await _store.UpdateDocumentAsync("d3", current =>
        {
            calls++;
            if (calls == 1)
            {
                // Another writer slips in between this writer's read and its replace: the replace must get 412.
                _store.UpdateDocumentAsync("d3", c => c! with { PagesFailed = c.PagesFailed + 1 }).GetAwaiter().GetResult();
            }

            return current! with { PagesDone = current.PagesDone + 1 };
        });

        calls.Should().Be(2);
        result.PagesDone.Should().Be(1);
        var stored = await _store.GetDocumentAsync("d3");
        stored!.PagesDone.Should().Be(1);
        stored.PagesFailed.Should().Be(1, "the other writer's change must not be lost");
    }

    [Fact]
    public async Task Concurrent_progress_updates_lose_nothing()
    {
        const int writers = 16;
        await _store.UpdateDocumentAsync("d4", _ => NewDocument("d4", status: DocumentStatus.Extracting) with { PageCount = writers });

        await Task.WhenAll(Enumerable.Range(1, writers).Select(page => Task.Run(async () =>
        {
            await _store.UpsertPageAsync(NewPage("d4", page));
            await _store.UpdateDocumentAsync("d4", c => c! with { PagesDone = c.PagesDone + 1 });
        })));

        (await _store.GetDocumentAsync("d4"))!.PagesDone.Should().Be(writers);
        (await _store.GetPagesAsync("d4")).Select(p => p.Page).Should().Equal(Enumerable.Range(1, writers));
    }

    [Fact]
    public async Task Completed_document_is_never_taken_back_by_its_own_run()
    {
        await _store.UpdateDocumentAsync("d5", _ => NewDocument("d5", status: DocumentStatus.Completed) with { PagesDone = 3 });

        var result = await _store.UpdateDocumentAsync("d5", c => c! with { Status = DocumentStatus.Extracting, PagesDone = 1 });

        result.Status.Should().Be(DocumentStatus.Completed);
        var stored = await _store.GetDocumentAsync("d5");
        stored!.Status.Should().Be(DocumentStatus.Completed);
        stored.PagesDone.Should().Be(3);

        var rerun = await _store.UpdateDocumentAsync("d5", c => c! with { RunId = "run2", Status = DocumentStatus.Queued, PagesDone = 0 });
        rerun.Status.Should().Be(DocumentStatus.Queued, "a new run may start over");
        (await _store.GetDocumentAsync("d5"))!.RunId.Should().Be("run2");
    }

    [Fact]
    public async Task Page_and_run_upserts_are_idempotent()
    {
        await _store.UpsertPageAsync(NewPage("d6", 1, raw: "first"));
        await _store.UpsertPageAsync(NewPage("d6", 1, raw: "second"));
        await _store.UpsertPageAsync(NewPage("d6", 2));
        var run = new RunRecord { Id = RunRecord.MakeId("d6", "r1"), DocumentId = "d6", RunId = "r1", Status = DocumentStatus.Extracting, StartedAt = T0 };
        await _store.UpsertRunAsync(run);
        await _store.UpsertRunAsync(run with { Status = DocumentStatus.Completed, CompletedAt = T0.AddMinutes(1) });
        await _store.UpsertRunAsync(run with { Id = RunRecord.MakeId("d6", "r2"), RunId = "r2", StartedAt = T0.AddHours(1) });

        var pages = await _store.GetPagesAsync("d6");
        pages.Should().HaveCount(2);
        pages[0].Answers["vendor"].Raw.Should().Be("second");
        var runs = await _store.GetRunsAsync("d6");
        runs.Select(r => r.RunId).Should().Equal("r1", "r2");
        runs[0].Status.Should().Be(DocumentStatus.Completed);
    }

    [Fact]
    public async Task Documents_are_listed_across_partitions_by_status()
    {
        await _store.UpdateDocumentAsync("a", _ => NewDocument("a", status: DocumentStatus.Completed));
        await _store.UpdateDocumentAsync("b", _ => NewDocument("b", status: DocumentStatus.Failed));
        await _store.UpdateDocumentAsync("c", _ => NewDocument("c", status: DocumentStatus.Completed));
        await _store.UpsertPageAsync(NewPage("a", 1));

        var completed = await _store.ListDocumentsAsync(DocumentStatus.Completed).Select(d => d.Id).ToListAsync();
        var all = await _store.ListDocumentsAsync().Select(d => d.Id).ToListAsync();

        completed.Should().BeEquivalentTo("a", "c");
        all.Should().BeEquivalentTo("a", "b", "c");
    }

    [Fact]
    public async Task Transient_unavailability_is_retried()
    {
        await _store.UpdateDocumentAsync("t1", _ => NewDocument("t1"));
        try
        {
            await _services.InjectCosmosFaultsAsync(503, 3, "PUT");
            await _store.UpdateDocumentAsync("t1", c => c! with { PagesDone = 7 });
            await _services.InjectCosmosFaultsAsync(429, 3);
            (await _store.GetDocumentAsync("t1"))!.PagesDone.Should().Be(7);
        }
        finally
        {
            await _services.ClearCosmosFaultsAsync();
        }
    }

    [Fact]
    public async Task Throttling_is_retried_by_the_sdk_alone_not_again_by_our_layer()
    {
        await _store.UpdateDocumentAsync("t2", _ => NewDocument("t2"));
        try
        {
            // The SDK sends a request at most 10 times on 429 (9 retries); a second layer would get past 12 answers.
            await _services.InjectCosmosFaultsAsync(429, 12, "GET");
            var error = (await ((Func<Task>)(() => _store.GetDocumentAsync("t2"))).Should().ThrowAsync<CosmosStoreException>()).Which;
            error.Code.Should().Be(CosmosErrorCodes.Throttled);
            error.IsTransient.Should().BeTrue();
        }
        finally
        {
            await _services.ClearCosmosFaultsAsync();
        }

        (await _store.GetDocumentAsync("t2")).Should().NotBeNull();
    }

    [Fact]
    public async Task Persistent_failure_surfaces_as_a_typed_error_with_the_item_id()
    {
        var options = _services.CosmosOptions();
        options.MaxTransientRetries = 1;
        using var store = new CosmosResultStore(options);
        await store.UpdateDocumentAsync("p1", _ => NewDocument("p1"));
        try
        {
            await _services.InjectCosmosFaultsAsync(503, 1000, "POST");
            var act = () => store.UpsertPageAsync(NewPage("p1", 1));
            var error = (await act.Should().ThrowAsync<CosmosStoreException>()).Which;
            error.Code.Should().Be(CosmosErrorCodes.Unavailable);
            error.ItemId.Should().Be("p1:1");
            error.IsTransient.Should().BeTrue();
            error.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await _services.ClearCosmosFaultsAsync();
        }

        await store.UpsertPageAsync(NewPage("p1", 1));
        (await store.GetPagesAsync("p1")).Should().ContainSingle();
    }

    [Fact]
    public async Task Database_deleted_while_the_store_runs_is_created_again_when_asked()
    {
        await _store.UpdateDocumentAsync("v1", _ => NewDocument("v1"));
        using (var admin = CosmosClientFactory.CreateClient(_options))
        {
            await admin.GetDatabase(_options.DatabaseName).DeleteAsync();
        }

        await _store.UpsertPageAsync(NewPage("v2", 1));
        await _store.UpdateDocumentAsync("v2", _ => NewDocument("v2"));

        (await _store.GetPagesAsync("v2")).Should().ContainSingle();
        (await _store.GetDocumentAsync("v2")).Should().NotBeNull();
        (await _store.GetDocumentAsync("v1")).Should().BeNull("the database was deleted with what it held");
    }

    [Fact]
    public void Key_that_is_not_base64_is_a_typed_error_before_any_request()
    {
        var options = _services.CosmosOptions();
        options.Key = "not a key!";

        var error = ((Action)(() => new CosmosResultStore(options).Dispose())).Should().Throw<CosmosStoreException>().Which;

        error.Code.Should().Be(CosmosErrorCodes.InvalidKey);
        error.Message.Should().Contain("Base64");
    }

    [Fact]
    public void Local_endpoint_without_key_or_credential_never_tries_an_azure_sign_in()
    {
        var options = _services.CosmosOptions();
        options.Key = null;

        var error = ((Action)(() => new CosmosResultStore(options).Dispose())).Should().Throw<CosmosStoreException>().Which;

        error.Code.Should().Be(CosmosErrorCodes.NoCredential);
        error.Message.Should().Contain("--cosmos-key");
    }

    [Fact]
    public async Task Credential_that_cannot_sign_in_is_a_typed_error_that_says_how_to_sign_in()
    {
        var options = _services.CosmosOptions();
        options.Key = null;
        options.Credential = new UnavailableCredential();
        options.MaxTransientRetries = 0;
        using var store = new CosmosResultStore(options);

        var error = (await ((Func<Task>)(() => store.GetDocumentAsync("x"))).Should().ThrowAsync<CosmosStoreException>()).Which;

        error.Code.Should().Be(CosmosErrorCodes.NoCredential);
        error.Message.Should().Contain("az login").And.Contain("no identity here");
        error.IsTransient.Should().BeFalse();
    }

    private sealed class UnavailableCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new Azure.Identity.CredentialUnavailableException("no identity here");

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new Azure.Identity.CredentialUnavailableException("no identity here");
    }

    [Fact]
    public async Task Missing_container_without_create_is_a_permanent_not_found_error()
    {
        var options = _services.CosmosOptions();
        options.CreateIfNotExists = false;
        using var store = new CosmosResultStore(options);

        var error = (await ((Func<Task>)(() => store.UpsertPageAsync(NewPage("x", 1)))).Should().ThrowAsync<CosmosStoreException>()).Which;

        error.Code.Should().Be(CosmosErrorCodes.NotFound);
        error.IsTransient.Should().BeFalse();
        error.ItemId.Should().Be("x:1");
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_transient_unavailable_error()
    {
        var options = _services.CosmosOptions();
        options.Endpoint = new Uri("https://127.0.0.1:9/");
        options.MaxTransientRetries = 1;
        options.RequestTimeout = TimeSpan.FromSeconds(2);
        using var store = new CosmosResultStore(options);

        var error = (await ((Func<Task>)(() => store.GetDocumentAsync("x"))).Should().ThrowAsync<CosmosStoreException>()).Which;

        error.IsTransient.Should().BeTrue();
        error.Code.Should().BeOneOf(CosmosErrorCodes.Unavailable, CosmosErrorCodes.Timeout);
    }

    private async Task<JsonElement> SingleItemAsync(string sql)
    {
        using var reader = new CosmosQueryReader(_options);
        var items = await reader.QueryPagesAsync(sql).SelectMany(p => p.Items.ToAsyncEnumerable()).ToListAsync();
        return items.Should().ContainSingle().Which;
    }
}
