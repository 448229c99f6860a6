using FastVlm.DocPipeline.Workflow;
using FastVlm.DocPipeline.Workflow.InProcess;

namespace FastVlm.DocPipeline.Cli.Extract;

/// <summary>Shows extraction progress: live on a terminal, plain lines when output is redirected.</summary>
internal abstract class ExtractDisplay
{
    private readonly Dictionary<string, DocumentProgress> _documents = new(StringComparer.Ordinal);

    protected ExtractDisplay(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            _documents[path] = new DocumentProgress(path);
        }
    }

    protected IEnumerable<DocumentProgress> Documents => _documents.Values;

    /// <summary>Runs the extraction inside the display (the live display needs to own the console meanwhile).</summary>
    public abstract Task RunAsync(Func<Task> work);

    public IProgress<WorkflowEvent> ProgressFor(string path) => new Sink(this, _documents[path]);

    public abstract void DocumentStarted(DocumentProgress document);

    public abstract void DocumentFinished(DocumentProgress document, DocumentWorkflowResult? result, Exception? error);

    protected abstract void OnEvent(DocumentProgress document, WorkflowEvent e, TimeSpan? pageTime);

    public DocumentProgress Document(string path) => _documents[path];

    private sealed class Sink(ExtractDisplay display, DocumentProgress document) : IProgress<WorkflowEvent>
    {
        public void Report(WorkflowEvent value)
        {
            var pageTime = document.Apply(value);
            display.OnEvent(document, value, pageTime);
        }
    }
}
