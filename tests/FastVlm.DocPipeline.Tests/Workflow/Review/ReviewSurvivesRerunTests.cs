using System.Text.Json.Nodes;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Tests.Workflow.Fakes;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Tests.Workflow.Review;

/// <summary>
/// Reviewers' work outlives every run of the pipeline: a plain re-run, a forced one, and one whose model answers
/// differently keep the decisions; a changed answer flags the field stale with the reviewer's value still in force.
/// </summary>
public sealed class ReviewSurvivesRerunTests : IDisposable
{
    private readonly WorkflowHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_plain_and_a_forced_rerun_keep_every_decision_and_the_reviewed_status()
    {
        var (documentId, decisions) = await ExtractAndReviewAsync();

        foreach (var force in new[] { false, true })
        {
            var rerun = await _harness.RunAsync("invoice.pdf", force);

            rerun.ReviewedFieldsKept.Should().Be(4, $"force: {force}");
            rerun.ReviewedFieldsStale.Should().Be(0);
            var document = (await _harness.Store.GetDocumentAsync(documentId))!;
            document.Status.Should().Be(DocumentStatus.Reviewed);
            document.Review!.ApprovedBy.Should().Be("ben");
            document.Fields["total"].Value!.GetValue<decimal>().Should().Be(999m, "the reviewer's correction stays in force");
            document.Fields["total"].Model!.Value!.GetValue<decimal>().Should().Be(1234.50m);
            document.Fields["number"].Review!.Reviewer.Should().Be("ana");
            Json((await _harness.Store.GetReviewAsync(documentId))!.Decisions).Should().Be(Json(decisions), "no run writes the review record");
        }
    }

    [Fact]
    public async Task A_changed_model_answer_makes_the_field_stale_with_the_reviewers_value_still_in_force()
    {
        var (documentId, decisions) = await ExtractAndReviewAsync();
        _harness.Model.Answer(1, "What is the invoice number?", "INV-9999", 0.95);
        _harness.Model.Answer(3, "What is the total?", "$999.00", 0.3);

        var rerun = await _harness.RunAsync("invoice.pdf", force: true);

        rerun.ReviewedFieldsStale.Should().Be(1);
        rerun.ReviewedFieldsKept.Should().Be(3, "the total's new answer is the reviewer's own value, so it stands");
        var document = (await _harness.Store.GetDocumentAsync(documentId))!;
        var number = document.Fields["number"];
        number.Value!.GetValue<string>().Should().Be("INV-0042", "the reviewer accepted INV-0042 and nobody has decided since");
        number.Model!.Value!.GetValue<string>().Should().Be("INV-9999");
        number.Review!.Stale.Should().BeTrue();
        number.Issue.Should().Be(ReviewComposer.StaleIssue);
        number.NeedsReview.Should().BeTrue();
        number.Reviewed.Should().BeFalse();
        document.Fields["total"].Review!.Stale.Should().BeFalse();
        document.Status.Should().Be(DocumentStatus.Completed, "a document is reviewed only while no field is stale");
        document.Review!.FieldsStale.Should().Be(1);
        Json((await _harness.Store.GetReviewAsync(documentId))!.Decisions).Should().Be(Json(decisions));

        var review = new DocumentReviewService(_harness.Store);
        (await review.GetQueueAsync(new ReviewQueueQuery())).Documents.Should().ContainSingle(d => d.DocumentId == documentId && d.FieldsStale == 1);
        var decided = await review.ReviewFieldAsync(documentId, "number", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("INV-9999"), ETag = DocumentETag.Of(document) }, "ana");
        decided.Fields["number"].Reviewed.Should().BeTrue();
        decided.Review!.FieldsStale.Should().Be(0);
        decided.Status.Should().Be(DocumentStatus.Reviewed, "the approval stands again once nothing is stale");
    }

    [Fact]
    public async Task A_save_made_while_a_run_is_in_progress_is_kept_by_that_run()
    {
        var (documentId, _) = await ExtractAndReviewAsync();
        var review = new DocumentReviewService(_harness.Store);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var encoding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _harness.Model.BeforeEncode = async (_, _, ct) =>
        {
            encoding.TrySetResult();
            await gate.Task.WaitAsync(ct);
        };

        var running = _harness.RunAsync("invoice.pdf", force: true);
        await encoding.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var during = (await _harness.Store.GetDocumentAsync(documentId))!;
        during.Status.Should().Be(DocumentStatus.Reviewed, "a run in progress does not take a finished document out of the final set");
        during.Lease.Should().NotBeNull();
        await review.ReviewFieldAsync(documentId, "date", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("2024-03-06"), ETag = DocumentETag.Of(during) }, "cy");
        gate.SetResult();
        await running;

        var after = (await _harness.Store.GetDocumentAsync(documentId))!;
        after.Fields["date"].Value!.GetValue<string>().Should().Be("2024-03-06");
        after.Fields["date"].Review!.Reviewer.Should().Be("cy");
        after.Lease.Should().BeNull("the run finished and gave its lease back");
    }

    [Fact]
    public async Task A_new_schema_version_is_a_new_document_offered_the_reviewed_values_of_fields_of_the_same_name_and_type()
    {
        var (v1, decisions) = await ExtractAndReviewAsync();
        var v2Schema = WorkflowHarness.Schema with
        {
            Version = "2",
            Fields = [.. WorkflowHarness.Schema.Fields.Select(f => f.Name == "number" ? f with { Type = FastVlm.DocPipeline.Extraction.FieldType.Number } : f)],
        };

        var v2 = await _harness.RunAsync("invoice.pdf", schema: v2Schema);

        v2.DocumentId.Should().NotBe(v1);
        var document = (await _harness.Store.GetDocumentAsync(v2.DocumentId))!;
        var total = document.Fields["total"];
        total.Value!.GetValue<decimal>().Should().Be(1234.50m, "an offer is not applied");
        total.ReviewOffer!.Value!.GetValue<decimal>().Should().Be(999m);
        (total.ReviewOffer.Reviewer, total.ReviewOffer.DocumentId, total.ReviewOffer.SchemaVersion).Should().Be(("ana", v1, "1"));
        document.Fields["number"].ReviewOffer.Should().BeNull("the number field changed type");
        document.Fields["date"].ReviewOffer!.Reviewer.Should().Be("ben", "the approval accepted it");
        (await _harness.Store.GetReviewAsync(v2.DocumentId)).Should().BeNull();
        Json((await _harness.Store.GetReviewAsync(v1))!.Decisions).Should().Be(Json(decisions));
        (await _harness.Store.GetDocumentAsync(v1))!.Status.Should().Be(DocumentStatus.Reviewed);
    }

    private async Task<(string DocumentId, IReadOnlyList<ReviewDecision> Decisions)> ExtractAndReviewAsync()
    {
        Script(_harness.Model);
        _harness.AddDocument("invoice.pdf", pages: 3);
        var first = await _harness.RunAsync("invoice.pdf");
        var review = new DocumentReviewService(_harness.Store);
        var document = (await _harness.Store.GetDocumentAsync(first.DocumentId))!;
        document = await review.ReviewFieldAsync(first.DocumentId, "total", new FieldReviewRequest { Action = ReviewActions.Edited, Value = JsonValue.Create("$999.00"), ETag = DocumentETag.Of(document) }, "ana");
        document = await review.ReviewFieldAsync(first.DocumentId, "number", new FieldReviewRequest { Action = ReviewActions.Accepted, ETag = DocumentETag.Of(document) }, "ana");
        var flagged = document.Fields.Values.Count(f => f.NeedsReview && !f.Reviewed);
        document = await review.ApproveAsync(first.DocumentId, "ben", DocumentETag.Of(document), acceptFlagged: flagged);
        document.Status.Should().Be(DocumentStatus.Reviewed);
        return (first.DocumentId, (await _harness.Store.GetReviewAsync(first.DocumentId))!.Decisions);
    }

    private static string Json(IReadOnlyList<ReviewDecision> decisions) => System.Text.Json.JsonSerializer.Serialize(decisions, ResultJson.Options);

    private static void Script(ScriptedVisionModel model)
    {
        model.Answer(1, "What is the invoice number?", "INV-0042", 0.95);
        model.Answer(1, "What is the invoice date?", "March 5, 2024", 0.8);
        model.Answer(3, "What is the total?", "$1,234.50", 0.3);
    }
}
