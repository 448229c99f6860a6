using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
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
    public async Task An_edit_is_typed_put_in_force_and_kept_apart_from_the_models_answer()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        var updated = await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1.190,00 EUR", etag), "ana@contoso.com");

        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        var total = stored.Fields["total"];
        total.Value!.GetValue<decimal>().Should().Be(1190m, "the value in force is the reviewer's, read as a currency");
        total.Model!.Value!.GetValue<decimal>().Should().Be(1100m);
        total.Model.Raw.Should().Be("EUR 1,100.00");
        total.Reviewed.Should().BeTrue();
        total.Review!.Reviewer.Should().Be("ana@contoso.com");
        total.Review.Action.Should().Be(ReviewActions.Edited);
        total.Review.Raw.Should().Be("1.190,00 EUR");
        stored.Status.Should().Be(DocumentStatus.Completed, "the vendor field is not reviewed yet");
        stored.NeedsReview.Should().BeFalse("the only doubtful field was reviewed");
        DocumentReviewService.ETagOf(stored).Should().NotBe(etag).And.Be(DocumentReviewService.ETagOf(updated));

        var history = (await _store.GetReviewAsync(document.DocumentId))!;
        history.Decisions.Should().ContainSingle();
        var decision = history.Decisions[0];
        (decision.Field, decision.Action, decision.Reviewer, decision.FieldType, decision.ModelRunId).Should().Be(("total", "edited", "ana@contoso.com", "currency", "run1"));
        decision.Value!.GetValue<decimal>().Should().Be(1190m);
        decision.ModelValue!.GetValue<decimal>().Should().Be(1100m);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("total due")]
    [InlineData("3-4")]
    [InlineData("1+2")]
    public async Task A_value_that_does_not_parse_as_the_fields_type_is_refused_naming_the_format(string amountLike)
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        (await Code(() => _review.ReviewFieldAsync(document.DocumentId, "total", Edit(amountLike, etag), "ana"))).Should().Be(ReviewErrorCodes.ValueInvalid);
        var boolean = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create(true), ETag = etag }, "ana");
        var error = (await boolean.Should().ThrowAsync<ReviewException>()).Which;
        error.Code.Should().Be(ReviewErrorCodes.ValueInvalid);
        error.Message.Should().Contain("one amount");
        var huge = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonNode.Parse("1e400"), ETag = etag }, "ana");
        (await huge.Should().ThrowAsync<ReviewException>()).Which.Code.Should().Be(ReviewErrorCodes.ValueInvalid);
        var bidi = () => _review.ReviewFieldAsync(document.DocumentId, "vendor", Edit("Contoso\u202E Ltd", etag), "ana");
        (await bidi.Should().ThrowAsync<ReviewException>()).Which.Message.Should().Contain("U+202E");
        (await _store.GetReviewAsync(document.DocumentId)).Should().BeNull("nothing was saved");
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
        total.Value!.GetValue<decimal>().Should().Be(1190m);
        total.Review!.Reviewer.Should().Be("ana");
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
        (await _store.GetReviewAsync(document.DocumentId))!.Decisions.Should().ContainSingle();
    }

    [Fact]
    public async Task Picking_an_alternative_saves_its_value_and_a_missing_one_is_refused()
    {
        var document = await StoreAsync(Invoice());
        var etag = DocumentReviewService.ETagOf(document);

        var missing = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Alternative, Alternative = 2, ETag = etag }, "ana");
        (await missing.Should().ThrowAsync<ReviewException>()).Which.Code.Should().Be(ReviewErrorCodes.AlternativeNotFound);

        await _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Alternative, Alternative = 1, ETag = etag }, "ana");

        var total = (await _store.GetDocumentAsync(document.DocumentId))!.Fields["total"];
        total.Review!.Action.Should().Be(ReviewActions.Alternative);
        total.Value!.GetValue<decimal>().Should().Be(1309m);
    }

    [Fact]
    public async Task Approving_with_flagged_fields_unseen_needs_their_count_then_accepts_them()
    {
        var document = await StoreAsync(Invoice());

        var unconfirmed = () => _review.ApproveAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(document));
        var error = (await unconfirmed.Should().ThrowAsync<ReviewException>()).Which;
        error.Code.Should().Be(ReviewErrorCodes.ConfirmationRequired);
        error.FlaggedFields.Should().Be(1);
        error.Message.Should().Contain("1 flagged field");

        var approved = await _review.ApproveAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(document), acceptFlagged: 1);
        approved.Status.Should().Be(DocumentStatus.Reviewed);
    }

    [Fact]
    public async Task Approving_accepts_every_unreviewed_field_and_a_withdrawal_is_recorded_beside_it()
    {
        var document = await StoreAsync(Invoice());
        var afterEdit = await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1190.00", DocumentReviewService.ETagOf(document)), "ana");

        var approved = await _review.ApproveAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(afterEdit));

        var stored = (await _store.GetDocumentAsync(document.DocumentId))!;
        stored.Status.Should().Be(DocumentStatus.Reviewed);
        stored.Review!.ApprovedBy.Should().Be("ben");
        stored.Fields["total"].Review!.Reviewer.Should().Be("ana", "approval keeps what a reviewer already saved");
        stored.Fields["vendor"].Review!.Action.Should().Be(ReviewActions.Accepted);
        stored.Fields["vendor"].Value!.GetValue<string>().Should().Be("Contoso Ltd.");
        stored.Fields.Values.Should().OnlyContain(f => f.Reviewed);

        var withdrawn = await _review.WithdrawApprovalAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(approved));
        withdrawn.Status.Should().Be(DocumentStatus.Completed);
        withdrawn.Review!.ApprovedBy.Should().BeNull();
        withdrawn.Fields["total"].Value!.GetValue<decimal>().Should().Be(1190m, "withdrawing the approval keeps every field decision");
        (await _store.GetReviewAsync(document.DocumentId))!.Decisions.Select(d => d.Action)
            .Should().Equal(ReviewActions.Edited, ReviewActions.Accepted, ReviewActions.Approved, ReviewActions.ApprovalWithdrawn);
        (await Code(() => _review.WithdrawApprovalAsync(document.DocumentId, "ben", DocumentReviewService.ETagOf(withdrawn)))).Should().Be(ReviewErrorCodes.NotApproved);
    }

    [Fact]
    public async Task Reviewing_every_field_one_by_one_also_makes_the_document_reviewed_only_with_an_approval()
    {
        var document = await StoreAsync(Invoice());
        var next = await _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Accepted, ETag = DocumentReviewService.ETagOf(document) }, "ana");
        next = await _review.ReviewFieldAsync(document.DocumentId, "vendor", new FieldReviewRequest { Action = ReviewActions.Accepted, ETag = DocumentReviewService.ETagOf(next) }, "ana");

        next.Status.Should().Be(DocumentStatus.Completed, "every field is decided, but nobody approved the document");
        next.Fields.Values.Should().OnlyContain(f => f.Reviewed);
        next.Fields["total"].Value!.GetValue<decimal>().Should().Be(1100m);
        next = await _review.ApproveAsync(document.DocumentId, "ana", DocumentReviewService.ETagOf(next));
        next.Status.Should().Be(DocumentStatus.Reviewed);
    }

    [Fact]
    public async Task Rules_are_checked_again_on_the_values_in_force()
    {
        var document = await StoreAsync(Invoice());
        document.Rules.Should().ContainSingle(r => r.Rule == "total > 0" && r.Status == "passed");

        var updated = await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("-5.00", DocumentReviewService.ETagOf(document)), "ana");

        updated.Rules.Should().ContainSingle(r => r.Rule == "total > 0" && r.Status == "failed");
    }

    [Fact]
    public async Task A_table_correction_edits_a_cell_adds_and_deletes_rows_with_typed_cells_and_the_tables_rules_see_them()
    {
        var schema = ReviewDocuments.Schema with
        {
            Fields =
            [
                .. ReviewDocuments.Schema.Fields,
                new SchemaField
                {
                    Name = "items", Question = "Line items?", Type = FieldType.Table,
                    Columns = [new TableColumn { Name = "description" }, new TableColumn { Name = "amount", Type = FieldType.Currency }],
                },
            ],
            Rules = [new SchemaRule("sum(items.amount) == total within 0.01")],
        };
        var invoice = Invoice();
        var rows = new JsonArray(new JsonObject { ["description"] = "Bolts", ["amount"] = 600m }, new JsonObject { ["description"] = "Nuts", ["amount"] = 400m });
        var document = await ReviewDocuments.StoreAsync(_store, invoice with
        {
            Fields = new Dictionary<string, FieldResult>(invoice.Fields)
            {
                ["items"] = new() { Value = rows, Found = true, Confidence = 0.9, Page = 1, Rows = [Row("Bolts", 600m), Row("Nuts", 400m)] },
            },
        }, schema);
        document.Rules.Single().Status.Should().Be("failed", "600 + 400 is not the total 1100");

        var corrected = JsonNode.Parse("""[{"description": "Bolts", "amount": "650,00 €"}, {"description": "Washers", "amount": "450.00"}]""");
        var updated = await _review.ReviewFieldAsync(document.DocumentId, "items", new FieldReviewRequest { Action = ReviewActions.Edited, Value = corrected, ETag = DocumentReviewService.ETagOf(document) }, "ana");

        updated.Fields["items"].Value!.ToJsonString().Should().Be("""[{"description":"Bolts","amount":650.00},{"description":"Washers","amount":450.00}]""");
        updated.Fields["items"].Rows!.Select(r => r.Cells["description"].Value!.GetValue<string>()).Should().Equal("Bolts", "Washers");
        updated.Fields["items"].Model!.Value!.AsArray().Should().HaveCount(2);
        updated.Rules.Single().Status.Should().Be("passed", "the rule is checked on the corrected rows: 650 + 450 = 1100");

        var again = await _review.ReviewFieldAsync(document.DocumentId, "items", new FieldReviewRequest { Action = ReviewActions.Accepted, ETag = DocumentReviewService.ETagOf(updated) }, "ana");
        again.Fields["items"].Value!.AsArray().Select(r => (r!["description"]!.GetValue<string>(), r["amount"]!.GetValue<decimal>()))
            .Should().Equal([("Bolts", 650m), ("Washers", 450m)], "accepting a table keeps its rows as rows");
        var refused = () => _review.ReviewFieldAsync(document.DocumentId, "items", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonNode.Parse("""[{"amount": "lots"}]"""), ETag = DocumentReviewService.ETagOf(again) }, "ana");
        (await refused.Should().ThrowAsync<ReviewException>()).Which.Message.Should().Contain("items[0].amount");
    }

    [Fact]
    public async Task An_approval_publishes_a_document_reviewed_cloud_event_with_a_stable_id()
    {
        var events = new RecordingPublisher();
        var review = new DocumentReviewService(_store, events: new FastVlm.DocPipeline.Workflow.Events.DocumentCompletionNotifier(_store, events, id => $"documents/{id}"));
        var document = await StoreAsync(Invoice(doubtfulTotal: false));

        var approved = await review.ApproveAsync(document.DocumentId, "ana", DocumentReviewService.ETagOf(document));

        var published = events.Published.Should().ContainSingle().Which;
        published.EventType.Should().Be(FastVlm.DocPipeline.Contracts.Events.CompletionEventTypes.DocumentReviewed);
        published.EventId.Should().Be($"{document.DocumentId}.reviewed.{approved.Review!.Revision}");
        published.Status.Should().Be(DocumentStatus.Reviewed);
        published.ApprovedBy.Should().Be("ana");
        var body = JsonNode.Parse(FastVlm.DocPipeline.Contracts.Events.CompletionCloudEvent.ToJson(published, "/test"))!;
        ((string?)body["type"]).Should().Be("FastVlm.DocPipeline.DocumentReviewed");
        ((string?)body["data"]!["approvedBy"]).Should().Be("ana");
    }

    private static TableRowResult Row(string description, decimal amount) => new()
    {
        Page = 1,
        Cells = new Dictionary<string, TableCellResult>
        {
            ["description"] = new() { Value = JsonValue.Create(description), Raw = description },
            ["amount"] = new() { Value = JsonValue.Create(amount), Raw = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
    };

    private sealed class RecordingPublisher : FastVlm.DocPipeline.Contracts.Events.ICompletionEventPublisher
    {
        public List<FastVlm.DocPipeline.Contracts.Events.DocumentCompletionEvent> Published { get; } = [];

        public Task PublishAsync(FastVlm.DocPipeline.Contracts.Events.DocumentCompletionEvent completion, CancellationToken cancellationToken = default)
        {
            Published.Add(completion);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Corrections_kept_inside_an_older_document_move_into_the_review_record_and_stay_in_force()
    {
        var invoice = Invoice();
        var legacy = invoice with
        {
            Status = DocumentStatus.Reviewed,
            Fields = new Dictionary<string, FieldResult>(invoice.Fields)
            {
                ["total"] = invoice.Fields["total"] with
                {
                    Reviewed = true,
                    LegacyCorrection = new JsonObject { ["value"] = 1190m, ["reviewer"] = "ana", ["at"] = "2026-03-04T06:00:00Z", ["action"] = "edited" },
                },
            },
        };
        await ReviewDocuments.StoreAsync(_store, legacy);
        await _store.UpdateDocumentAsync(legacy.DocumentId, _ => legacy);

        var read = (await _review.GetDocumentAsync(legacy.DocumentId))!;

        read.Fields["total"].Value!.GetValue<decimal>().Should().Be(1190m);
        read.Fields["total"].Model!.Value!.GetValue<decimal>().Should().Be(1100m);
        read.Fields["total"].Review!.Reviewer.Should().Be("ana");
        read.Status.Should().Be(DocumentStatus.Completed, "the old approval covered fields nobody decided on one by one");
        var history = (await _store.GetReviewAsync(legacy.DocumentId))!;
        history.Decisions.Select(d => (d.Field, d.Action, d.Reviewer)).Should().Equal([("total", "edited", "ana"), (null, "approved", "ana")]);
        (await _store.GetDocumentAsync(legacy.DocumentId))!.Fields["total"].LegacyCorrection.Should().BeNull("it is never written again");
    }

    [Fact]
    public async Task A_review_record_never_loses_a_decision()
    {
        var document = await StoreAsync(Invoice());
        await _review.ReviewFieldAsync(document.DocumentId, "total", Edit("1.00", DocumentReviewService.ETagOf(document)), "ana");

        var rewrite = () => _store.UpdateReviewAsync(document.DocumentId, current => current! with { Decisions = [], Revision = 0 });
        (await rewrite.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be(ReviewAppendGuard.RefusedCode);
        var change = () => _store.UpdateReviewAsync(document.DocumentId, current => current! with { Decisions = [current.Decisions[0] with { Reviewer = "mallory" }] });
        (await change.Should().ThrowAsync<DocPipelineException>()).Which.Code.Should().Be(ReviewAppendGuard.RefusedCode);
        (await _store.GetReviewAsync(document.DocumentId))!.Decisions.Single().Reviewer.Should().Be("ana");
    }

    [Fact]
    public async Task A_document_whose_review_is_ahead_of_it_is_composed_again_when_read()
    {
        var document = await StoreAsync(Invoice());
        await _store.UpdateReviewAsync(document.DocumentId, _ => ReviewRecord.Empty(document.DocumentId) with
        {
            Revision = 1,
            Decisions = [new ReviewDecision { Sequence = 1, Field = "total", Action = ReviewActions.Edited, Value = JsonValue.Create(7m), FieldType = "currency", ModelValue = JsonValue.Create(1100m), ModelRunId = "run1", Reviewer = "ana", At = DateTime.UnixEpoch }],
        });

        var read = (await _review.GetDocumentAsync(document.DocumentId))!;

        read.Fields["total"].Value!.GetValue<decimal>().Should().Be(7m);
        (await _store.GetDocumentAsync(document.DocumentId))!.Review!.Revision.Should().Be(1, "the repaired view is stored");
    }

    [Theory]
    [InlineData("{\"nested\":1}", ReviewErrorCodes.ValueInvalid)]
    [InlineData("[[1]]", ReviewErrorCodes.ValueInvalid)]
    [InlineData("\"bell\\u0007\"", ReviewErrorCodes.ValueInvalid)]
    public async Task Invalid_values_are_refused_with_a_stable_code_and_nothing_is_written(string json, string code)
    {
        var document = await StoreAsync(Invoice());

        var save = () => _review.ReviewFieldAsync(document.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonNode.Parse(json), ETag = DocumentReviewService.ETagOf(document) }, "ana");

        (await save.Should().ThrowAsync<ReviewException>()).Which.Code.Should().Be(code);
        (await _store.GetDocumentAsync(document.DocumentId))!.Review.Should().BeNull();
        (await _store.GetReviewAsync(document.DocumentId)).Should().BeNull();
    }

    [Fact]
    public async Task Unknown_documents_fields_actions_and_reviewers_and_unfinished_documents_give_their_codes()
    {
        var document = await StoreAsync(Invoice());
        var running = await StoreAsync(Invoice() with { Status = DocumentStatus.Extracting, FieldsRunId = null });
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

        await _review.ApproveAsync(doubtful.DocumentId, "ana", DocumentReviewService.ETagOf(doubtful), acceptFlagged: 1);
        (await Ids(new ReviewQueueQuery { Search = tag, Schema = "invoice" })).Should().BeEmpty();
        (await Ids(new ReviewQueueQuery { View = ReviewQueueView.Reviewed, Search = tag })).Should().BeEquivalentTo([doubtful.DocumentId]);
    }

    private async Task<List<string>> Ids(ReviewQueueQuery query) =>
        (await _review.GetQueueAsync(query)).Documents.Select(d => d.DocumentId).ToList();

    private Task<DocumentRecord> StoreAsync(DocumentRecord document) => ReviewDocuments.StoreAsync(_store, document);

    private static FieldReviewRequest Edit(string value, string etag) =>
        new() { Action = ReviewActions.Edited, Value = JsonValue.Create(value), ETag = etag };

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
