using FastVlm.DocPipeline.Workflow.Activities;
using FastVlm.DocPipeline.Workflow.Results;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// The document workflow: prepare → rasterise (in chunks) → extract every page (fan-out) → merge and store.
/// Written only against <see cref="IWorkflowContext"/> and deterministic, so Durable Functions can replay it:
/// no I/O, no clock but <see cref="IWorkflowContext.CurrentUtcDateTime"/>, no randomness (the run id comes
/// from the input or the prepare activity). A page that fails after its retries is recorded as failed and
/// the others carry on; a document that cannot be rasterised at all is stored as failed.
/// </summary>
public static class DocumentWorkflow
{
    /// <summary>Runs the workflow; the orchestrator function of the Functions host is a call to this.</summary>
    public static async Task<DocumentWorkflowResult> RunAsync(IWorkflowContext context, DocumentWorkflowInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retries = input.Retries ?? WorkflowRetryPolicies.Default;
        var chunkSize = Math.Max(1, input.RasterizeChunkSize);
        var startedAt = context.CurrentUtcDateTime;
        var progress = new ProgressState(context, input.SourceName, input.Schema.Fields.Count);
        progress.Publish(WorkflowStages.Preparing);

        var prepared = await context.CallActivityAsync<PrepareDocumentOutput>(
            ActivityNames.PrepareDocument,
            new PrepareDocumentInput(input.SourceName, input.Schema.ToRef(), input.Force, input.RunId, startedAt),
            retries.Prepare).ConfigureAwait(true);
        progress.DocumentId = prepared.DocumentId;
        progress.RunId = prepared.RunId;

        var done = input.Force ? [] : prepared.DonePages.ToHashSet();
        var pageCount = 0;
        var extracted = new List<ExtractPageOutput>();
        var failures = new List<PageFailure>();
        ErrorInfo? documentError = null;
        double rasterizeMs = 0;

        if (prepared.KnownPageCount is int known && known > 0 && Enumerable.Range(1, known).All(done.Contains))
        {
            pageCount = known;
        }
        else
        {
            progress.Publish(WorkflowStages.Rasterizing);
            var extractions = new List<Task<PageOutcome>>();
            for (var first = 1; pageCount == 0 || first <= pageCount; first += chunkSize)
            {
                RasterizePagesOutput chunk;
                try
                {
                    chunk = await context.CallActivityAsync<RasterizePagesOutput>(
                        ActivityNames.RasterizePages,
                        new RasterizePagesInput(prepared.DocumentId, prepared.RunId, input.SourceName, first, chunkSize, done.Where(p => p >= first && p < first + chunkSize).Order().ToArray()),
                        retries.Rasterize).ConfigureAwait(true);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    var error = ActivityFailure.ToError(e);
                    if (pageCount == 0)
                    {
                        documentError = error;
                        break;
                    }

                    var attempts = ActivityFailure.AttemptsOf(e, retries.Rasterize);
                    for (var page = first; page < first + chunkSize && page <= pageCount; page++)
                    {
                        if (!done.Contains(page))
                        {
                            failures.Add(new PageFailure(page, error.Code, error.Message, attempts));
                            progress.PageFailed();
                        }
                    }

                    continue;
                }

                rasterizeMs += chunk.ElapsedMs;
                if (pageCount == 0)
                {
                    pageCount = chunk.PageCount;
                    progress.PageCount = pageCount;
                    progress.PagesSkipped = done.Count(p => p <= pageCount);
                    progress.Publish(WorkflowStages.Extracting);
                }

                foreach (var page in chunk.Pages)
                {
                    progress.PageRendered();
                    extractions.Add(ExtractAsync(context, input, prepared, page, retries.ExtractPage, progress));
                }
            }

            foreach (var outcome in await Task.WhenAll(extractions).ConfigureAwait(true))
            {
                if (outcome.Output is not null)
                {
                    extracted.Add(outcome.Output);
                }
                else
                {
                    failures.Add(outcome.Failure!);
                }
            }
        }

        progress.PageCount = pageCount;
        progress.PagesSkipped = done.Count(p => p <= pageCount);
        progress.Publish(WorkflowStages.Merging);
        var completedAt = context.CurrentUtcDateTime;
        var timings = new Dictionary<string, double>
        {
            ["rasterize"] = Math.Round(rasterizeMs, 1),
            ["extract"] = Math.Round(extracted.Sum(e => e.TimingsMs.GetValueOrDefault("total")), 1),
            ["total"] = Math.Round((completedAt - startedAt).TotalMilliseconds, 1),
        };
        if (extracted.Count > 0)
        {
            timings["extractPerPage"] = Math.Round(timings["extract"] / extracted.Count, 1);
        }

        var skipped = done.Where(p => p <= pageCount).Order().ToArray();
        var orderedFailures = failures.OrderBy(f => f.Page).ToArray();
        var completed = await context.CallActivityAsync<CompleteDocumentOutput>(
            ActivityNames.CompleteDocument,
            new CompleteDocumentInput
            {
                DocumentId = prepared.DocumentId,
                RunId = prepared.RunId,
                Schema = input.Schema,
                Forced = input.Force,
                StartedAt = startedAt,
                CompletedAt = completedAt,
                PageCount = pageCount,
                PagesExtracted = extracted.Select(e => e.Page).Order().ToArray(),
                PagesSkipped = skipped,
                FailedPages = orderedFailures,
                Error = documentError,
                Model = extracted.Select(e => e.Model).FirstOrDefault(),
                TimingsMs = timings,
            },
            retries.Complete).ConfigureAwait(true);

        progress.Publish(completed.Status == DocumentStatus.Failed ? WorkflowStages.Failed : WorkflowStages.Completed);
        return new DocumentWorkflowResult
        {
            DocumentId = prepared.DocumentId,
            RunId = prepared.RunId,
            Status = completed.Status,
            PageCount = pageCount,
            PagesExtracted = extracted.Count,
            PagesSkipped = skipped.Length,
            FailedPages = orderedFailures,
            NeedsReview = completed.NeedsReview,
            Error = documentError,
        };
    }

    private static async Task<PageOutcome> ExtractAsync(
        IWorkflowContext context,
        DocumentWorkflowInput input,
        PrepareDocumentOutput prepared,
        RenderedPageInfo page,
        ActivityRetryPolicy retry,
        ProgressState progress)
    {
        try
        {
            var output = await context.CallActivityAsync<ExtractPageOutput>(
                ActivityNames.ExtractPage,
                new ExtractPageInput(prepared.DocumentId, prepared.RunId, page, input.Schema),
                retry).ConfigureAwait(true);
            progress.PageDone();
            return new PageOutcome(output, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = ActivityFailure.ToError(e);
            progress.PageFailed();
            return new PageOutcome(null, new PageFailure(page.Page, error.Code, error.Message, ActivityFailure.AttemptsOf(e, retry)));
        }
    }

    private sealed record PageOutcome(ExtractPageOutput? Output, PageFailure? Failure);

    /// <summary>Counters behind the custom status; safe when the in-process host resumes page tasks on several threads.</summary>
    private sealed class ProgressState(IWorkflowContext context, string sourceName, int fieldCount)
    {
        private readonly Lock _lock = new();
        private string _stage = WorkflowStages.Preparing;
        private int _rendered;
        private int _done;
        private int _failed;

        public string? DocumentId { get; set; }

        public string? RunId { get; set; }

        public int PageCount { get; set; }

        public int PagesSkipped { get; set; }

        public void PageRendered() => Update(() => _rendered++);

        public void PageDone() => Update(() => _done++);

        public void PageFailed() => Update(() => _failed++);

        public void Publish(string stage) => Update(() => _stage = stage);

        private void Update(Action change)
        {
            lock (_lock)
            {
                change();
                context.SetCustomStatus(new WorkflowProgress
                {
                    SourceName = sourceName,
                    DocumentId = DocumentId,
                    RunId = RunId,
                    Stage = _stage,
                    PageCount = PageCount,
                    PagesRendered = _rendered,
                    PagesDone = _done,
                    PagesFailed = _failed,
                    PagesSkipped = PagesSkipped,
                    FieldCount = fieldCount,
                });
            }
        }
    }
}
