using System.Collections.Concurrent;
using System.Globalization;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;
using Spectre.Console;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>
/// Spectre.Console live progress: one bar per document (pages, time per page, retries) and one for all
/// pages, with elapsed time and ETA.
/// </summary>
internal sealed class LiveExtractDisplay(IReadOnlyList<string> paths, IAnsiConsole console) : ExtractDisplay(paths)
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _knownPages = new(StringComparer.Ordinal);
    private ProgressContext? _context;
    private ProgressTask? _overall;
    private int _documentsDone;
    private int _totalPages;

    public override Task RunAsync(Func<Task> work) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                _context = context;
                _overall = context.AddTask(OverallDescription(), maxValue: 1);
                _overall.IsIndeterminate = true;
                await work().ConfigureAwait(false);
                _overall.IsIndeterminate = false;
                _overall.Value = _overall.MaxValue;
                _overall.Description = OverallDescription();
            });

    public override void DocumentStarted(DocumentProgress document)
    {
        var task = _context!.AddTask(Markup.Escape(document.Name), maxValue: 1);
        task.IsIndeterminate = true;
        _tasks[document.Path] = task;
    }

    public override void DocumentFinished(DocumentProgress document, DocumentWorkflowResult? result, Exception? error)
    {
        Interlocked.Increment(ref _documentsDone);
        if (_tasks.TryGetValue(document.Path, out var task))
        {
            task.IsIndeterminate = false;
            task.Value = task.MaxValue;
            var state = result is null ? "[red]failed[/]"
                : result.Status == DocumentStatus.Failed ? $"[red]failed[/] {Markup.Escape(result.Error?.Code ?? "")}"
                : result.FailedPages.Count > 0 ? $"[yellow]{result.FailedPages.Count} page(s) failed[/]"
                : "[green]done[/]";
            var review = result is null ? "" : ReviewOutcome.Describe(result);
            task.Description = $"{Markup.Escape(document.Name)} {state}{Markup.Escape(review)}";
            task.StopTask();
        }

        if (_overall is not null)
        {
            _overall.Description = OverallDescription();
        }
    }

    protected override void OnEvent(DocumentProgress document, WorkflowEvent e, TimeSpan? pageTime)
    {
        if (!_tasks.TryGetValue(document.Path, out var task) || document.Status is not { } status)
        {
            return;
        }

        var toDo = Math.Max(0, status.PageCount - status.PagesSkipped);
        if (status.PageCount > 0)
        {
            task.IsIndeterminate = false;
            task.MaxValue = Math.Max(1, toDo);
            task.Value = document.PagesFinished;
            if (_knownPages.TryAdd(document.Path, toDo) && _overall is not null)
            {
                var total = Interlocked.Add(ref _totalPages, toDo);
                _overall.IsIndeterminate = false;
                _overall.MaxValue = Math.Max(1, total);
            }
        }

        if (pageTime is not null)
        {
            _overall?.Increment(1);
        }
        else if (e.Kind == WorkflowEventKind.ActivityFailed && e.ActivityName == ActivityNames.ExtractPage)
        {
            _overall?.Increment(1);
        }

        var perPage = document.SecondsPerPage > 0 ? string.Create(CultureInfo.InvariantCulture, $" {document.SecondsPerPage:F2} s/page") : "";
        var retries = document.Retries > 0 ? $" [yellow]{document.Retries} retries[/]" : "";
        task.Description = string.Create(CultureInfo.InvariantCulture,
            $"{Markup.Escape(document.Name)} [grey]{status.Stage}[/] {document.PagesFinished}/{toDo} pages × {status.FieldCount} fields{perPage}{retries}");
        if (_overall is not null)
        {
            _overall.Description = OverallDescription();
        }
    }

    private string OverallDescription() =>
        $"[bold]{Volatile.Read(ref _documentsDone)}/{Documents.Count()} documents[/]";
}
