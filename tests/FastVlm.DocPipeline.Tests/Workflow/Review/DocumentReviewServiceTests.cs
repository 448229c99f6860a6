using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

/// <summary>The review service's behaviour, run against each real store through a subclass.</summary>
public abstract class DocumentReviewServiceTests : IAsyncLifetime
{
    private IResultStore _store = null!;
    private DocumentReviewService _review = null!;

    protected abstract Task<IResultStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        _review = new DocumentReviewService(_store);
    }

    public Task DisposeAsync()
    {
        (_store as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_edit_is_stored_beside_the_models_answer_and_changes_the_etag()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        var updated = await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1190.00", etag), "ana@contoso.com");

        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        var total = stored.Fields["total"];
        total.Value!.GetValue<decimal>().Should().Be(1100m);
        total.Raw.Should().Be("EUR 1,100.00");
        total.Reviewed.Should().BeTrue();
        total.Correction!.Value!.GetValue<string>().Should().Be("1190.00");
        total.Correction.Reviewer.Should().Be("ana@contoso.com");
        total.Correction.Action.Should().Be(FieldReviewAction.Edited);
        stored.Status.Should().Be(DocumentStatus.Completed, "the vendor field is not reviewed yet");
        stored.NeedsReview.Should().BeFalse("the only doubtful field was reviewed");
        DocumentReviewService.ETagOf(stored).Should().NotBe(etag).And.Be(DocumentReviewService.ETagOf(updated));
    }

    [Fact]
    public async Task A_save_from_an_older_copy_is_refused_and_the_first_save_is_kept()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);
        await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1190.00", etag), "ana");

        var second = () => _review.ReviewFieldAsync(document.DocumentId, "total", Edit("9.99", etag), "ben");

        var error = (await second.Should().ThrowAsync<ReviewException>()).Which;
        error.Code.Should().Be(ReviewErrorCodes.Conflict);
        error.CurrentETag.Should().Be(DocumentReviewService.ETagOf((await _store.GetDocumentAsync(document.DocumentId))!));
        var total = (await _store.GetDocumentAsync(document.DocumentId))!.Fields["total"];
        total.Correction!.Value!.GetValue<string>().Should().Be("1190.00");
        total.Correction.Reviewer.Should().Be("ana");
    }

    [Fact]
    public async Task Two_concurrent_saves_from_one_copy_give_one_success_and_one_conflict()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        var outcomes = await Task.WhenAll(
            Outcome(_review.ReviewFieldAsync(document.DocumentId, "total", Edit("1.00", etag), "ana")),
            Outcome(_review.ReviewFieldAsync(document.DocumentId, "vendor", Edit("Fabrikam", etag), "ben")));

        outcomes.Count(o => o is null).Should().Be(1);
        outcomes.Count(o => o == ReviewErrorCodes.Conflict).Should().Be(1);
        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        stored.Fields.Values.Count(f => f.Reviewed).Should().Be(1);
        stored.Review!.Revision.Should().Be(1);
    }

    [Fact]
    public async Task Picking_an_alternative_saves_its_value_and_a_missing_one_is_refused()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        var missing = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = FieldReviewAction.Alternative, Alternative = 2, ETag = etag }, "ana");
        (await missing.Should().ThrowAsync<ReviewException>()).Which.Code.Should().Be(ReviewErrorCodes.AlternativeNotFound);

        await _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = FieldReviewAction.Alternative, Alternative = 1, ETag = etag }, "ana");

        var correction = (await _store.GetDocumentAsync(document.DocumentId))!.Fields["total"].Correction!;
        correction.Action.Should().Be(FieldReviewAction.Alternative);
        correction.Value!.GetValue<decimal>().Should().Be(1309m);
    }

    [Fact]
    public async Task Approving_accepts_every_unreviewed_field_and_marks_the_document_reviewed()
    {
        var document = await StoreAsync(Invoice());
        var afterEdit = await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1190.00", DocumentReviewService.ETagOf(document)), "ana");

        await _review.ApproveAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(afterEdit));

        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        stored.Status.Should().Be(DocumentStatus.Reviewed);
        stored.Review!.ApprovedBy.Should().Be("ben");
        stored.Fields["total"].Correction!.Reviewer.Should().Be("ana", "approval keeps what a reviewer already saved");
        stored.Fields["vendor"].Correction!.Action.Should().Be(FieldReviewAction.Accepted);
        stored.Fields["vendor"].Correction!.Value!.GetValue<string>().Should().Be("Contoso Ltd.");
        stored.Fields.Values.Should().OnlyContain(f => f.Reviewed);
    }

    [Fact]
    public async Task Reviewing_every_field_one_by_one_also_makes_the_document_reviewed()
    {
        var document = await StoreAsync(Invoice());
        var next = await _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = FieldReviewAction.Accepted, ETag = DocumentReviewService.ETagOf(document) }, "ana");
        next = await _review.ReviewFieldAsync(document.DocumentId, "vendor", new FieldReviewRequest { Action = FieldReviewAction.Accepted, ETag = DocumentReviewService.ETagOf(next) }, "ana");

        next.Status.Should().Be(DocumentStatus.Reviewed);
        next.Review!.ApprovedBy.Should().BeNull();
        next.Fields["total"].Correction!.Value!.GetValue<decimal>().Should().Be(1100m);
    }

    [Theory]
    [InlineData("{\"nested\":1}", ReviewErrorCodes.ValueInvalid)]
    [InlineData("[[1]]", ReviewErrorCodes.ValueInvalid)]
    [InlineData("\"bell\\u0007\"", ReviewErrorCodes.ValueInvalid)]
    public async Task Invalid_values_are_refused_with_a_stable_code_and_nothing_is_written(string json, string code)
    {
        var document = await StoreAsync(Invoice());

        var save = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = FieldReviewAction.Edited, Value = JsonNode.Parse(json), ETag = DocumentReviewService.ETagOf(document) }, "ana");

        (await save.Should().ThrowAsync<ReviewException>()).Which.Code.Should().Be(code);
        (await _store.GetDocumentAsync(document.DocumentId))!.Review.Should().BeNull();
    }

    [Fact]
    public async Task Unknown_documents_fields_actions_and_reviewers_and_unfinished_documents_give_their_codes()
    {
        var document = await StoreAsync(Invoice());
        var running = await StoreAsync(Invoice() with { Status = DocumentStatus.Extracting });
        var etag = DocumentReviewService.ETagOf(document);

        (await Code(() => _review.ReviewFieldAsync("nope-" + Guid.NewGuid().ToString("N"), "total", Edit("1", etag), "ana"))).Should().Be(ReviewErrorCodes.DocumentNotFound);
        (await Code(() => _review.ReviewFieldAsync(document.DocumentId, "iban", Edit("1", etag), "ana"))).Should().Be(ReviewErrorCodes.FieldNotFound);
        (await Code(() => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = "delete", ETag = etag }, "ana"))).Should().Be(ReviewErrorCodes.ActionInvalid);
        (await Code(() => _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1", etag), " "))).Should().Be(ReviewErrorCodes.ReviewerMissing);
        (await Code(() => _review.ApproveAsync(running.DocumentId, "ana", DocumentReviewService.ETagOf(running)))).Should().Be(ReviewErrorCodes.NotReviewable);
    }

    [Fact]
    public async Task The_queue_filters_by_view_schema_and_a_search_over_field_values()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var doubtful = await StoreAsync(Invoice(vendor: $"Fabrikam {tag}"));
        var clean = await StoreAsync(Invoice(vendor: $"Northwind {tag}", doubtfulTotal: false));
        var failed = await StoreAsync(Invoice(vendor: $"Failed {tag}") with { Status = DocumentStatus.Failed });
        var receipt = await StoreAsync(Invoice(vendor: $"Receipt {tag}") with { Schema = new SchemaRef("receipt", "1") });

        (await Ids(new ReviewQueueQuery { Search = tag })).Should().BeEquivalentTo([doubtful.DocumentId, receipt.DocumentId]);
        (await Ids(new ReviewQueueQuery { Search = tag, Schema = "invoice" })).Should().BeEquivalentTo([doubtful.DocumentId]);
        (await Ids(new ReviewQueueQuery { View = ReviewQueueView.Failed, Search = tag })).Should().BeEquivalentTo([failed.DocumentId]);
        (await Ids(new ReviewQueueQuery { View = ReviewQueueView.Recent, Search = tag })).Should().HaveCount(4).And.Contain(clean.DocumentId);
        (await Ids(new ReviewQueueQuery { View = ReviewQueueView.Recent, Search = $"northwind {tag.ToUpperInvariant()}" })).Should().BeEquivalentTo([clean.DocumentId]);

        var limited = await _review.GetQueueAsync(new ReviewQueueQuery { View = ReviewQueueView.Recent, Search = tag, Limit = 2 });
        limited.Documents.Should().HaveCount(2);
        limited.Truncated.Should().BeTrue();

        await _review.ApproveAsync(doubtful.DocumentId, "ana", DocumentReviewService.ETagOf(doubtful));
        (await Ids(new ReviewQueueQuery { Search = tag, Schema = "invoice" })).Should().BeEmpty();
        (await Ids(new ReviewQueueQuery { View = ReviewQueueView.Reviewed, Search = tag })).Should().BeEquivalentTo([doubtful.DocumentId]);
    }

    private async Task<List<string>> Ids(ReviewQueueQuery query) =>
        (await _review.GetQueueAsync(query)).Documents.Select(d => d.DocumentId).ToList();

    private async Task<DocumentRecord> StoreAsync(DocumentRecord document) =>
        await _store.UpdateDocumentAsync(document.DocumentId, _ => document);

    private static FieldReviewRequest Edit(string value, string etag) =>
        new() { Action = FieldReviewAction.Edited, Value = JsonValue.Create(value), ETag = etag };

    private static async Task<string?> Outcome(Task<DocumentRecord> save)
    {
        try
        {
            await save;
            return null;
        }
        catch (ReviewException e)
        {
            return e.Code;
        }
    }

    private static async Task<string?> Code(Func<Task<DocumentRecord>> save) => await Outcome(save());

    private static DocumentRecord Invoice(string vendor = "Contoso Ltd.", bool doubtfulTotal = true)
    {
        var document = ReviewDocuments.Invoice(vendor, doubtfulTotal);
        var total = document.Fields["total"];
        var secondAlternative = new FieldAlternative { Value = JsonValue.Create(1309m), Raw = "EUR 1,309.00", Confidence = 0.2 };
        return document with
        {
            Fields = new Dictionary<string, FieldResult>(document.Fields) { ["total"] = total with { Alternatives = [.. total.Alternatives!, secondAlternative] } },
        };
    }
}
