using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// A range of a document's pages. Above <see cref="PageRangeInput.LeafSize"/> pages it splits into at most
/// <see cref="PageRangeInput.FanOut"/> child ranges (sub-workflows, each with its own history); a leaf
/// renders its pages in one rasterise activity (one read of the source) and extracts each page. So no
/// history holds more than max(fan-out, leaf size + 2) tasks, whatever the document's length.
/// Deterministic like <see cref="DocumentWorkflow"/>.
/// </summary>
public static class PageRangeWorkflow
{
    public static async Task<PageRangeSummary> RunAsync(IWorkflowContext context, PageRangeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.PageCount <= Math.Max(1, input.LeafSize))
        {
            return await RunLeafAsync(context, input).ConfigureAwait(true);
        }

        var children = Split(input).Select(child => context.CallSubWorkflowAsync<PageRangeSummary>(
            WorkflowNames.PageRange,
            child,
            InstanceId(input.DocumentId, input.RunId, child.FirstPage, child.LastPage)));
        return PageRangeSummary.Combine(await Task.WhenAll(children).ConfigureAwait(true));
    }

    /// <summary>Deterministic, readable child instance ids: unique per run and range.</summary>
    public static string InstanceId(string documentId, string runId, int firstPage, int lastPage) =>
        $"{documentId}-{runId}-p{firstPage}-{lastPage}";

    /// <summary>Child ranges of equal size, a multiple of the leaf size, at most <see cref="PageRangeInput.FanOut"/> of them.</summary>
    public static IEnumerable<PageRangeInput> Split(PageRangeInput input)
    {
        var leaf = Math.Max(1, input.LeafSize);
        var fanOut = Math.Max(2, input.FanOut);
        var size = (int)Math.Ceiling(input.PageCount / (double)fanOut);
        size = (int)Math.Ceiling(size / (double)leaf) * leaf;
        for (var first = input.FirstPage; first <= input.LastPage; first += size)
        {
            yield return input with { FirstPage = first, LastPage = Math.Min(input.LastPage, first + size - 1) };
        }
    }

    private static async Task<PageRangeSummary> RunLeafAsync(IWorkflowContext context, PageRangeInput input)
    {
        RasterizeRangeOutput rendered;
        try
        {
            rendered = await context.CallActivityAsync<RasterizeRangeOutput>(
                ActivityNames.RasterizeRange,
                new RasterizeRangeInput(input.DocumentId, input.RunId, input.SourceName, input.Sha256, input.FirstPage, input.LastPage, input.SkipDonePages, input.SourcePageOffset),
                input.Retries.Rasterize).ConfigureAwait(true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = ActivityFailure.ToError(e);
            var attempts = ActivityFailure.AttemptsOf(e, input.Retries.Rasterize);
            var failures = Enumerable.Range(input.FirstPage, input.PageCount)
                .Select(page => new PageFailure(page, error.Code, error.Message, attempts)).ToArray();
            var recorded = await RecordAsync(context, input, failures).ConfigureAwait(true);
            return new PageRangeSummary
            {
                PagesFailed = recorded,
                DocumentError = error.Code == WorkflowErrorCodes.SourceChanged ? error : null,
            };
        }

        var outcomes = await Task.WhenAll(rendered.Pages.Select(page => ExtractAsync(context, input, page))).ConfigureAwait(true);
        var extracted = outcomes.Where(o => o.Output is not null).Select(o => o.Output!).ToArray();
        var failed = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToArray();
        if (failed.Length > 0)
        {
            await RecordAsync(context, input, failed).ConfigureAwait(true);
        }

        return new PageRangeSummary
        {
            PagesExtracted = extracted.Length,
            PagesSkipped = rendered.PagesSkipped,
            PagesFailed = failed.Length,
            RasterizeMs = rendered.ElapsedMs,
            ExtractMs = Math.Round(extracted.Sum(e => e.TotalMs), 1),
            AlternativesMs = Math.Round(extracted.Sum(e => e.AlternativesMs), 1),
            AlternativeTokens = extracted.Sum(e => e.AlternativeTokens),
            Model = extracted.Select(e => e.Model).FirstOrDefault(),
        };
    }

    private static async Task<PageOutcome> ExtractAsync(IWorkflowContext context, PageRangeInput input, RenderedPageInfo page)
    {
        try
        {
            var output = await context.CallActivityAsync<ExtractPageOutput>(
                ActivityNames.ExtractPage,
                new ExtractPageInput(input.DocumentId, input.RunId, page, input.SchemaHash),
                input.Retries.ExtractPage).ConfigureAwait(true);
            return new PageOutcome(output, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = ActivityFailure.ToError(e);
            return new PageOutcome(null, new PageFailure(page.Page, error.Code, error.Message, ActivityFailure.AttemptsOf(e, input.Retries.ExtractPage)));
        }
    }

    private static Task<int> RecordAsync(IWorkflowContext context, PageRangeInput input, IReadOnlyList<PageFailure> failures) =>
        context.CallActivityAsync<int>(
            ActivityNames.RecordPageFailures,
            new RecordPageFailuresInput(input.DocumentId, input.RunId, failures, context.CurrentUtcDateTime),
            input.Retries.Complete);

    private sealed record PageOutcome(ExtractPageOutput? Output, PageFailure? Failure);
}
