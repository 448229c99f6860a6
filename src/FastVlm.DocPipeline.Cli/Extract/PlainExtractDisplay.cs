using System.Globalization;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>One line per step, for logs and pipes.</summary>
internal sealed class PlainExtractDisplay(IReadOnlyList<string> paths, TextWriter writer) : ExtractDisplay(paths)
{
    private readonly Lock _lock = new();

    public override Task RunAsync(Func<Task> work) => work();

    public override void DocumentStarted(DocumentProgress document) => Write($"{document.Name}: started");

    public override void DocumentFinished(DocumentProgress document, DocumentWorkflowResult? result, Exception? error)
    {
        if (result is null)
        {
            Write($"{document.Name}: failed: {SafeText.Escape(error?.Message)}");
            return;
        }

        var failed = result.FailedPages.Count > 0 ? $", {result.FailedPages.Count} failed" : "";
        var skipped = result.PagesSkipped > 0 ? $", {result.PagesSkipped} already done" : "";
        var error2 = result.Error is null ? "" : $" [{result.Error.Code}] {SafeText.Escape(result.Error.Message)}";
        Write($"{document.Name}: {result.Status.ToString().ToLowerInvariant()} ({result.PageCount} pages{skipped}{failed}; id {result.DocumentId}, run {result.RunId}){error2}{ReviewOutcome.Describe(result)}");
    }

    protected override void OnEvent(DocumentProgress document, WorkflowEvent e, TimeSpan? pageTime)
    {
        var status = document.Status;
        if (pageTime is { } time && status is not null)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{document.Name}: page {document.PagesFinished}/{status.PageCount - status.PagesSkipped} done in {time.TotalSeconds:F2} s ({status.FieldCount} fields)"));
        }
        else if (e.Kind == WorkflowEventKind.ActivityRetrying)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{document.Name}: {e.ActivityName} attempt {e.Attempt} failed ([{e.Error?.Code}] {SafeText.Escape(e.Error?.Message)}); retrying in {e.RetryDelay.TotalSeconds:F1} s"));
        }
        else if (e.Kind == WorkflowEventKind.ActivityFailed && e.ActivityName == ActivityNames.ExtractPage)
        {
            Write($"{document.Name}: page {document.PagesFinished}/{(status?.PageCount ?? 0) - (status?.PagesSkipped ?? 0)} failed after {e.Attempt} attempt(s): [{e.Error?.Code}] {SafeText.Escape(e.Error?.Message)}");
        }
    }

    private void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine(line);
        }
    }
}
