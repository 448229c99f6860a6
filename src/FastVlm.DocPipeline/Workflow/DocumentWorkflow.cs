using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Activities;

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
        var startedAt = context.CurrentUtcDateTime;
        var progress = new WorkflowProgressReporter(context, input.SourceName, input.Schema.Fields.Count);
        progress.Publish(WorkflowStages.Preparing);

        var prepared = await context.CallActivityAsync<PrepareDocumentOutput>(
            ActivityNames.PrepareDocument,
            new PrepareDocumentInput(input.SourceName, input.Schema.ToRef(), input.Force, input.RunId, startedAt),
            retries.Prepare).ConfigureAwait(true);
        progress.Identify(prepared.DocumentId, prepared.RunId);

        var run = new PageFanOut(context, input, prepared, retries, progress);
        var allDone = prepared.KnownPageCount is int known && known > 0 && Enumerable.Range(1, known).All(run.Done.Contains);
        if (allDone)
        {
            run.PageCount = prepared.KnownPageCount!.Value;
        }
        else
        {
            await run.RunAsync().ConfigureAwait(true);
        }

        var skipped = run.Done.Where(p => p <= run.PageCount).Order().ToArray();
        progress.SetPages(run.PageCount, skipped.Length);
        progress.Publish(WorkflowStages.Merging);
        var completedAt = context.CurrentUtcDateTime;
        var extracted = run.Extracted.OrderBy(e => e.Page).ToArray();
        var failures = run.Failures.OrderBy(f => f.Page).ToArray();
        var extractMs = extracted.Sum(e => e.TimingsMs.GetValueOrDefault("total"));
        var timings = new Dictionary<string, double>
        {
            ["rasterize"] = Math.Round(run.RasterizeMs, 1),
            ["extract"] = Math.Round(extractMs, 1),
            ["total"] = Math.Round((completedAt - startedAt).TotalMilliseconds, 1),
        };
        if (extracted.Length > 0)
        {
            timings["extractPerPage"] = Math.Round(extractMs / extracted.Length, 1);
        }

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
                PageCount = run.PageCount,
                PagesExtracted = extracted.Select(e => e.Page).ToArray(),
                PagesSkipped = skipped,
                FailedPages = failures,
                Error = run.DocumentError,
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
            PageCount = run.PageCount,
            PagesExtracted = extracted.Length,
            PagesSkipped = skipped.Length,
            FailedPages = failures,
            NeedsReview = completed.NeedsReview,
            Error = run.DocumentError,
        };
    }

    /// <summary>
    /// Rasterises chunk after chunk and starts each rendered page's extraction at once, so the model works
    /// on one chunk while the next renders; then waits for every page.
    /// </summary>
    private sealed class PageFanOut(
        IWorkflowContext context,
        DocumentWorkflowInput input,
        PrepareDocumentOutput prepared,
        WorkflowRetryPolicies retries,
        WorkflowProgressReporter progress)
    {
        private readonly int _chunkSize = Math.Max(1, input.RasterizeChunkSize);
        private readonly List<Task<PageOutcome>> _extractions = [];

        public HashSet<int> Done { get; } = input.Force ? [] : prepared.DonePages.ToHashSet();

        public int PageCount { get; set; }

        public double RasterizeMs { get; private set; }

        public ErrorInfo? DocumentError { get; private set; }

        public List<ExtractPageOutput> Extracted { get; } = [];

        public List<PageFailure> Failures { get; } = [];

        public async Task RunAsync()
        {
            progress.Publish(WorkflowStages.Rasterizing);
            try
            {
                for (var first = 1; PageCount == 0 || first <= PageCount; first += _chunkSize)
                {
                    if (!await RasterizeChunkAsync(first).ConfigureAwait(true))
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Only the in-process host cancels: let started pages settle before reporting it.
                await Task.WhenAll(_extractions.Select(SettleAsync)).ConfigureAwait(true);
                throw;
            }

            foreach (var outcome in await Task.WhenAll(_extractions).ConfigureAwait(true))
            {
                if (outcome.Output is not null)
                {
                    Extracted.Add(outcome.Output);
                }
                else
                {
                    Failures.Add(outcome.Failure!);
                }
            }
        }

        /// <summary>Renders one chunk and fans out its pages; false when the document cannot be read at all.</summary>
        private async Task<bool> RasterizeChunkAsync(int first)
        {
            RasterizePagesOutput chunk;
            try
            {
                var skip = Done.Where(p => p >= first && p < first + _chunkSize).Order().ToArray();
                chunk = await context.CallActivityAsync<RasterizePagesOutput>(
                    ActivityNames.RasterizePages,
                    new RasterizePagesInput(prepared.DocumentId, prepared.RunId, input.SourceName, first, _chunkSize, skip),
                    retries.Rasterize).ConfigureAwait(true);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = ActivityFailure.ToError(e);
                if (PageCount == 0)
                {
                    DocumentError = error;
                    return false;
                }

                var attempts = ActivityFailure.AttemptsOf(e, retries.Rasterize);
                for (var page = first; page < first + _chunkSize && page <= PageCount; page++)
                {
                    if (!Done.Contains(page))
                    {
                        Failures.Add(new PageFailure(page, error.Code, error.Message, attempts));
                        progress.PageFailed();
                    }
                }

                return true;
            }

            RasterizeMs += chunk.ElapsedMs;
            if (PageCount == 0)
            {
                PageCount = chunk.PageCount;
                progress.SetPages(PageCount, Done.Count(p => p <= PageCount));
                progress.Publish(WorkflowStages.Extracting);
            }

            foreach (var page in chunk.Pages)
            {
                progress.PageRendered();
                _extractions.Add(ExtractAsync(page));
            }

            return true;
        }

        private async Task<PageOutcome> ExtractAsync(RenderedPageInfo page)
        {
            try
            {
                var output = await context.CallActivityAsync<ExtractPageOutput>(
                    ActivityNames.ExtractPage,
                    new ExtractPageInput(prepared.DocumentId, prepared.RunId, page, input.Schema),
                    retries.ExtractPage).ConfigureAwait(true);
                progress.PageDone();
                return new PageOutcome(output, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = ActivityFailure.ToError(e);
                progress.PageFailed();
                return new PageOutcome(null, new PageFailure(page.Page, error.Code, error.Message, ActivityFailure.AttemptsOf(e, retries.ExtractPage)));
            }
        }

        private static async Task SettleAsync(Task task)
        {
            try
            {
                await task.ConfigureAwait(true);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private sealed record PageOutcome(ExtractPageOutput? Output, PageFailure? Failure);
}
