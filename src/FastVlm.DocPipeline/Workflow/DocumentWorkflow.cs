using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// The document workflow: prepare (pin the source, count pages, store the schema once) → the pages as a
/// tree of <see cref="PageRangeWorkflow"/> sub-workflows → merge and store. Written only against
/// <see cref="IWorkflowContext"/> and deterministic, so Durable Functions can replay it: no I/O, no clock
/// but <see cref="IWorkflowContext.CurrentUtcDateTime"/>, ids from <see cref="IWorkflowContext.NewGuid"/>.
/// A page that fails after its retries is recorded as failed and the others carry on; a document that
/// cannot be read at all, or whose source changes during the run, is stored as failed. With a
/// <see cref="ClassificationRequest"/> instead of a schema, <see cref="ClassifiedDocumentWorkflow"/> chooses the
/// schema (and may split the file) first.
/// </summary>
public static class DocumentWorkflow
{
    /// <summary>Runs the workflow; the orchestrator function of the Functions host is a call to this.</summary>
    public static async Task<DocumentWorkflowResult> RunAsync(IWorkflowContext context, DocumentWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var startedAt = context.CurrentUtcDateTime;
        var runId = input.RunId ?? RunIds.Create(startedAt, context.NewGuid());
        return (input.Schema, input.Classification) switch
        {
            ({ } schema, null) => await ExtractAsync(context, input, runId, startedAt, new ExtractionTarget(schema, input.PinnedSource)).ConfigureAwait(true),
            (null, { } classification) => await ClassifiedDocumentWorkflow.RunAsync(context, input, classification, runId, startedAt).ConfigureAwait(true),
            _ => throw new ArgumentException($"Set exactly one of {nameof(input.Schema)} and {nameof(input.Classification)}.", nameof(input)),
        };
    }

    /// <summary>Extracts one document (a whole file, or a part of a bundled one) with a known schema.</summary>
    internal static async Task<DocumentWorkflowResult> ExtractAsync(
        IWorkflowContext context, DocumentWorkflowInput input, string runId, DateTime startedAt, ExtractionTarget target)
    {
        var retries = input.Retries ?? WorkflowRetryPolicies.Default;
        var schemaHash = SchemaHasher.Compute(target.Schema);
        var progress = new WorkflowProgressReporter(context, input.SourceName, target.Schema.Fields.Count);
        progress.Publish(WorkflowStages.Preparing);

        var prepared = await context.CallActivityAsync<PrepareDocumentOutput>(
            ActivityNames.PrepareDocument,
            new PrepareDocumentInput(input.SourceName, target.Schema, schemaHash, input.Force, runId, startedAt, target.PinnedSource, target.Classification, target.SplitFrom),
            retries.Prepare).ConfigureAwait(true);
        progress.Identify(prepared.DocumentId, runId);
        progress.SetPages(prepared.PageCount, 0);

        var summary = new PageRangeSummary();
        if (prepared.Error is null && prepared.PageCount > 0 && (input.Force || !prepared.AllPagesDone))
        {
            progress.Publish(WorkflowStages.Extracting);
            var range = new PageRangeInput
            {
                DocumentId = prepared.DocumentId,
                RunId = runId,
                SourceName = input.SourceName,
                Sha256 = prepared.Source.Sha256,
                SchemaHash = schemaHash,
                FirstPage = 1,
                LastPage = prepared.PageCount,
                LeafSize = Math.Max(1, input.RasterizeChunkSize),
                FanOut = Math.Max(2, input.RangeFanOut),
                SkipDonePages = !input.Force && prepared.HasDonePages,
                Retries = retries,
                SourcePageOffset = target.SplitFrom is { } part ? part.FirstPage - 1 : 0,
            };
            summary = await context.CallSubWorkflowAsync<PageRangeSummary>(
                WorkflowNames.PageRange,
                range,
                PageRangeWorkflow.InstanceId(prepared.DocumentId, runId, range.FirstPage, range.LastPage)).ConfigureAwait(true);
        }

        progress.Publish(WorkflowStages.Merging);
        var completedAt = context.CurrentUtcDateTime;
        var timings = new Dictionary<string, double>
        {
            ["rasterize"] = Math.Round(summary.RasterizeMs, 1),
            ["extract"] = Math.Round(summary.ExtractMs, 1),
            ["alternatives"] = Math.Round(summary.AlternativesMs, 1),
            ["alternativeTokens"] = summary.AlternativeTokens,
            ["total"] = Math.Round((completedAt - startedAt).TotalMilliseconds, 1),
        };
        if (summary.PagesExtracted > 0)
        {
            timings["extractPerPage"] = Math.Round(summary.ExtractMs / summary.PagesExtracted, 1);
        }

        var error = prepared.Error ?? summary.DocumentError;
        var completed = await context.CallActivityAsync<CompleteDocumentOutput>(
            ActivityNames.CompleteDocument,
            new CompleteDocumentInput
            {
                DocumentId = prepared.DocumentId,
                RunId = runId,
                SchemaHash = schemaHash,
                Forced = input.Force,
                StartedAt = startedAt,
                CompletedAt = completedAt,
                PageCount = prepared.PageCount,
                Error = error,
                Model = summary.Model,
                TimingsMs = timings,
            },
            retries.Complete).ConfigureAwait(true);
        await PublishCompletionAsync(context, prepared.DocumentId, retries.Complete).ConfigureAwait(true);

        progress.SetOutcome(summary.PagesExtracted + summary.PagesFailed, summary.PagesExtracted, completed.PagesFailed, completed.PagesSkipped);
        progress.Publish(completed.Status == DocumentStatus.Failed ? WorkflowStages.Failed : WorkflowStages.Completed);
        return new DocumentWorkflowResult
        {
            DocumentId = prepared.DocumentId,
            RunId = runId,
            Status = completed.Status,
            PageCount = prepared.PageCount,
            PagesExtracted = summary.PagesExtracted,
            PagesSkipped = completed.PagesSkipped,
            PagesFailed = completed.PagesFailed,
            FailedPages = completed.FailedPages,
            NeedsReview = completed.NeedsReview,
            ReviewedFieldsKept = completed.ReviewedFieldsKept,
            ReviewedFieldsStale = completed.ReviewedFieldsStale,
            Error = error,
            Classification = target.Classification,
        };
    }

    /// <summary>
    /// Announces the stored outcome. The document is already complete, so an event that cannot be published after
    /// the retries is reported by the activity's failure and does not change the document.
    /// </summary>
    private static async Task PublishCompletionAsync(IWorkflowContext context, string documentId, ActivityRetryPolicy retry)
    {
        try
        {
            await context.CallActivityAsync<bool>(ActivityNames.PublishCompletion, new PublishCompletionInput(documentId), retry).ConfigureAwait(true);
        }
        catch (ActivityFailedException)
        {
        }
    }
}
