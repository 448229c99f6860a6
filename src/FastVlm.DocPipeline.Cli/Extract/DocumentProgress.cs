using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>What the display knows about one document, folded from its workflow events.</summary>
internal sealed class DocumentProgress(string path)
{
    private readonly Lock _lock = new();
    private double _pageSeconds;
    private int _timedPages;

    public string Path { get; } = path;

    /// <summary>The file name, escaped: a newline in a name must not forge a log line.</summary>
    public string Name { get; } = Commands.SafeText.Escape(System.IO.Path.GetFileName(path));

    public WorkflowProgress? Status { get; private set; }

    public int Retries { get; private set; }

    /// <summary>Pages this run finished (done or failed), counted from activity events.</summary>
    public int PagesFinished { get; private set; }

    public double SecondsPerPage
    {
        get
        {
            lock (_lock)
            {
                return _timedPages == 0 ? 0 : _pageSeconds / _timedPages;
            }
        }
    }

    /// <summary>Applies an event; returns the page time when the event completed a page.</summary>
    public TimeSpan? Apply(WorkflowEvent e)
    {
        lock (_lock)
        {
            switch (e.Kind)
            {
                case WorkflowEventKind.StatusChanged when e.Status is WorkflowProgress status:
                    Status = status;
                    return null;
                case WorkflowEventKind.ActivityRetrying:
                    Retries++;
                    return null;
                case WorkflowEventKind.ActivityCompleted when e.ActivityName == ActivityNames.ExtractPage:
                    _pageSeconds += e.Elapsed.TotalSeconds;
                    _timedPages++;
                    PagesFinished++;
                    return e.Elapsed;
                case WorkflowEventKind.ActivityFailed when e.ActivityName == ActivityNames.ExtractPage:
                    PagesFinished++;
                    return null;
                default:
                    return null;
            }
        }
    }
}
