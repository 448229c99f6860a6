using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Grounding;
using FastVlm.DocPipeline.Workflow.Review;

namespace FastVlm.DocPipeline.Workflow.Activities;

/// <summary>
/// Reads this run's page outcomes from the store, merges the answers of every done page (this run's and
/// earlier ones'), and writes the document's fields and status and the run record. The document gets the new model
/// answers with the review record laid over them (<see cref="ReviewComposer"/>); the run record keeps the model's
/// answers alone. The review record itself is only read.
/// </summary>
public sealed class CompleteDocumentActivity(ActivityServices services)
{
    public async Task<CompleteDocumentOutput> RunAsync(CompleteDocumentInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = await services.Schemas.GetAsync(input.DocumentId, input.RunId, input.SchemaHash, cancellationToken).ConfigureAwait(false);
        var pages = await services.Results.GetPagesAsync(input.DocumentId, cancellationToken).ConfigureAwait(false);
        var inRange = pages.Where(p => p.Page >= 1 && p.Page <= input.PageCount).ToArray();
        var done = inRange.Where(p => p.Status == PageStatuses.Done).ToArray();
        var failed = inRange.Where(p => p.Status == PageStatuses.Failed && p.RunId == input.RunId)
            .OrderBy(p => p.Page).Select(DocumentRecordBuilder.ToFailure).ToArray();
        var skipped = done.Where(p => p.RunId != input.RunId).Select(p => p.Page).Order().ToArray();

        var merged = FieldMerger.Merge(schema, done.Select(p => new PageAnswers(p.Page, p.Answers)), input.PageCount, checkRules: false);
        merged = await FieldGrounder.GroundAsync(schema, merged, input.PageCount, services.Images, input.DocumentId, cancellationToken).ConfigureAwait(false);
        var status = input.Error is not null || done.Length == 0 || input.PageCount == 0
            ? DocumentStatus.Failed
            : DocumentStatus.Completed;
        var error = input.Error ?? (status == DocumentStatus.Failed && failed.Length > 0
            ? new ErrorInfo(failed[0].Code, $"Every page failed; page {failed[0].Page}: {failed[0].Message}")
            : null);

        var offers = await OffersAsync(schema, input.DocumentId, cancellationToken).ConfigureAwait(false);
        var written = await ReviewedDocumentWriter.WriteAsync(
            services.Results,
            schema,
            input.DocumentId,
            current => current is null ? throw DocumentRecordBuilder.MissingDocument(input.DocumentId) : current with
            {
                RunId = input.RunId,
                FieldsRunId = input.RunId,
                Lease = current.Lease?.RunId == input.RunId ? null : current.Lease,
                Status = status,
                PageCount = input.PageCount,
                PagesDone = done.Length,
                PagesFailed = failed.Length,
                FailedPages = failed,
                Fields = merged.Fields.ToDictionary(
                    f => f.Key,
                    f => f.Value with { Model = null, Review = null, Reviewed = false, ReviewOffer = offers.GetValueOrDefault(f.Key) ?? current.Fields.GetValueOrDefault(f.Key)?.ReviewOffer },
                    StringComparer.Ordinal),
                Model = input.Model ?? current.Model,
                TimingsMs = input.TimingsMs,
                Error = error,
                UpdatedAt = input.CompletedAt,
                CompletedAt = input.CompletedAt,
            },
            cancellationToken).ConfigureAwait(false);
        var modelView = ReviewComposer.Compose(schema, written with { Fields = merged.Fields }, null);
        var runs = await services.Results.GetRunsAsync(input.DocumentId, cancellationToken).ConfigureAwait(false);
        var started = runs.FirstOrDefault(r => r.RunId == input.RunId);
        await services.Results.UpsertRunAsync(
            new RunRecord
            {
                Id = RunRecord.MakeId(input.DocumentId, input.RunId),
                DocumentId = input.DocumentId,
                RunId = input.RunId,
                Status = status,
                StartedAt = input.StartedAt,
                CompletedAt = input.CompletedAt,
                Forced = input.Forced,
                SchemaHash = input.SchemaHash,
                SchemaJson = started?.SchemaJson,
                Fields = modelView.Fields,
                FailedPages = failed,
                PagesSkipped = skipped,
                Error = error,
                TimingsMs = input.TimingsMs,
            },
            cancellationToken).ConfigureAwait(false);
        return new CompleteDocumentOutput(
            status,
            done.Length,
            failed.Length,
            skipped.Length,
            written.NeedsReview,
            failed.Take(CompleteDocumentOutput.MaxFailedPagesReported).ToArray())
        {
            ReviewedFieldsKept = written.Review?.FieldsReviewed ?? 0,
            ReviewedFieldsStale = written.Review?.FieldsStale ?? 0,
        };
    }

    /// <summary>On a document's first run, the reviewed values of the same source under other schema versions.</summary>
    private async Task<IReadOnlyDictionary<string, FieldReviewOffer>> OffersAsync(ExtractionSchema schema, string documentId, CancellationToken cancellationToken)
    {
        var document = await services.Results.GetDocumentAsync(documentId, cancellationToken).ConfigureAwait(false);
        return document is null || document.FieldsRunId is not null
            ? new Dictionary<string, FieldReviewOffer>()
            : await ReviewOffers.FindAsync(services.Results, schema, documentId, document.Source.Sha256, cancellationToken).ConfigureAwait(false);
    }
}
