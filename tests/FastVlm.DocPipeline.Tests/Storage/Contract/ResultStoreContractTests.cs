using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Tests.Storage.Contract;

/// <summary>
/// The behaviour every <see cref="IResultStore"/> must share. Each store runs this suite through its own subclass,
/// so the file store and the Cosmos store answer the same calls the same way.
/// </summary>
public abstract class ResultStoreContractTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    private IResultStore _store = null!;

    protected abstract Task<IResultStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    private static string NewId() => "contract-" + Guid.NewGuid().ToString("N");

    private static DocumentRecord NewDocument(string id, string runId = "run1", DocumentStatus status = DocumentStatus.Queued) => new()
    {
        Id = id,
        DocumentId = id,
        RunId = runId,
        Source = new SourceInfo("incoming", "a.pdf", null, "abc", 3),
        Schema = new SchemaRef("invoice", "1"),
        Status = status,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static PageRecord NewPage(string documentId, int page, string raw) => new()
    {
        Id = PageRecord.MakeId(documentId, page),
        DocumentId = documentId,
        RunId = "run1",
        Page = page,
        Status = PageStatuses.Done,
        Answers = new Dictionary<string, PageAnswer> { ["vendor"] = new() { Raw = raw, Found = true, Confidence = 0.5 } },
        UpdatedAt = T0,
    };

    [Fact]
    public async Task A_missing_document_reads_as_null()
    {
        (await _store.GetDocumentAsync(NewId())).Should().BeNull();
    }

    [Fact]
    public async Task The_first_update_sees_no_document_and_its_result_is_stored()
    {
        var id = NewId();
        DocumentRecord? seen = NewDocument("sentinel");
        await _store.UpdateDocumentAsync(id, current =>
        {
            seen = current;
            return NewDocument(id) with { PageCount = 3 };
        });

        seen.Should().BeNull();
        (await _store.GetDocumentAsync(id))!.PageCount.Should().Be(3);
    }

    [Fact]
    public async Task An_update_that_returns_the_current_record_writes_nothing()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id) with { PagesDone = 1 });

        var returned = await _store.UpdateDocumentAsync(id, current => current!);

        returned.PagesDone.Should().Be(1);
        (await _store.GetDocumentAsync(id))!.PagesDone.Should().Be(1);
    }

    [Fact]
    public async Task A_completed_run_never_goes_back_to_an_earlier_state()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id, "run1", DocumentStatus.Completed) with { PagesDone = 2 });

        var returned = await _store.UpdateDocumentAsync(id, current => current! with { Status = DocumentStatus.Extracting, PagesDone = 0 });

        returned.Status.Should().Be(DocumentStatus.Completed);
        var stored = (await _store.GetDocumentAsync(id))!;
        stored.Status.Should().Be(DocumentStatus.Completed);
        stored.PagesDone.Should().Be(2);
    }

    [Fact]
    public async Task The_review_record_is_its_own_item_that_document_writes_never_touch_and_that_only_grows()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id, "run1", DocumentStatus.Completed));
        var decision = new ReviewDecision { Sequence = 1, Field = "total", Action = ReviewActions.Edited, Value = System.Text.Json.Nodes.JsonValue.Create(5m), Reviewer = "ana", At = DateTime.UnixEpoch };
        await _store.UpdateReviewAsync(id, _ => ReviewRecord.Empty(id) with { Decisions = [decision], Revision = 1 });

        await _store.UpdateDocumentAsync(id, current => current! with { Status = DocumentStatus.Completed, Review = null, RunId = "run2" });
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id, "run3", DocumentStatus.Extracting));

        var review = (await _store.GetReviewAsync(id))!;
        review.Decisions.Should().ContainSingle().Which.Reviewer.Should().Be("ana");
        var shrink = () => _store.UpdateReviewAsync(id, current => current! with { Decisions = [], Revision = 0 });
        (await shrink.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be(ReviewAppendGuard.RefusedCode);
        var skip = () => _store.UpdateReviewAsync(id, current => current! with { Decisions = [.. current.Decisions, decision with { Sequence = 5 }], Revision = 2 });
        (await skip.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be(ReviewAppendGuard.RefusedCode);
        (await _store.GetReviewAsync(id))!.Revision.Should().Be(1);
    }

    [Fact]
    public async Task A_reviewed_document_may_go_back_to_completed_when_its_approval_is_withdrawn()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id, "run1", DocumentStatus.Reviewed));

        var returned = await _store.UpdateDocumentAsync(id, current => current! with { Status = DocumentStatus.Completed });
        var regressed = await _store.UpdateDocumentAsync(id, current => current! with { Status = DocumentStatus.Extracting });

        returned.Status.Should().Be(DocumentStatus.Completed);
        regressed.Status.Should().Be(DocumentStatus.Completed, "a finished run never goes back to an earlier state");
    }

    [Fact]
    public async Task A_new_run_may_start_a_completed_document_over()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id, "run1", DocumentStatus.Completed));

        await _store.UpdateDocumentAsync(id, current => current! with { RunId = "run2", Status = DocumentStatus.Rasterizing });

        var stored = (await _store.GetDocumentAsync(id))!;
        stored.RunId.Should().Be("run2");
        stored.Status.Should().Be(DocumentStatus.Rasterizing);
    }

    [Fact]
    public async Task An_update_that_returns_another_document_is_refused_and_nothing_is_written()
    {
        var id = NewId();
        var other = NewId();

        var update = () => _store.UpdateDocumentAsync(id, _ => NewDocument(other));

        (await update.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(id);
        (await _store.GetDocumentAsync(id)).Should().BeNull();
        (await _store.GetDocumentAsync(other)).Should().BeNull();
    }

    [Fact]
    public async Task Concurrent_updates_of_one_document_lose_nothing()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id));

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            _store.UpdateDocumentAsync(id, current => current! with { PagesDone = current.PagesDone + 1 }))));

        (await _store.GetDocumentAsync(id))!.PagesDone.Should().Be(12);
    }

    [Fact]
    public async Task Pages_come_back_in_page_order_and_an_upsert_replaces_the_page()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id));
        await _store.UpsertPageAsync(NewPage(id, 2, "second"));
        await _store.UpsertPageAsync(NewPage(id, 1, "first"));
        await _store.UpsertPageAsync(NewPage(id, 2, "second again"));

        var pages = await _store.GetPagesAsync(id);

        pages.Select(p => p.Page).Should().Equal(1, 2);
        pages[1].Answers["vendor"].Raw.Should().Be("second again");
        (await _store.GetPagesAsync(NewId())).Should().BeEmpty();
    }

    [Fact]
    public async Task Every_run_is_kept()
    {
        var id = NewId();
        await _store.UpdateDocumentAsync(id, _ => NewDocument(id));
        await _store.UpsertRunAsync(new RunRecord { Id = RunRecord.MakeId(id, "run1"), DocumentId = id, RunId = "run1", Status = DocumentStatus.Failed, StartedAt = T0 });
        await _store.UpsertRunAsync(new RunRecord { Id = RunRecord.MakeId(id, "run2"), DocumentId = id, RunId = "run2", Status = DocumentStatus.Completed, StartedAt = T0.AddMinutes(1) });

        var runs = await _store.GetRunsAsync(id);

        runs.Select(r => (r.RunId, r.Status)).Should().BeEquivalentTo(new[] { ("run1", DocumentStatus.Failed), ("run2", DocumentStatus.Completed) });
    }

    [Fact]
    public async Task Listing_by_status_returns_exactly_the_documents_in_that_status()
    {
        var completed = NewId();
        var failed = NewId();
        await _store.UpdateDocumentAsync(completed, _ => NewDocument(completed, status: DocumentStatus.Completed));
        await _store.UpdateDocumentAsync(failed, _ => NewDocument(failed, status: DocumentStatus.Failed));

        var listed = new List<DocumentRecord>();
        await foreach (var document in _store.ListDocumentsAsync(DocumentStatus.Completed))
        {
            listed.Add(document);
        }

        listed.Select(d => d.DocumentId).Should().Contain(completed).And.NotContain(failed);
        listed.Should().OnlyContain(d => d.Status == DocumentStatus.Completed);
    }
}
