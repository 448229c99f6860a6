using FastVlm.DocPipeline.Workflow.Activities;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>The embedded default: <see cref="DocumentWorkflow"/> on the in-process host with the document activities.</summary>
public sealed class InProcessDocumentPipeline : IDisposable
{
    private readonly InProcessWorkflowHost _host;

    public InProcessDocumentPipeline(DocumentActivities activities, InProcessWorkflowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activities);
        _host = new InProcessWorkflowHost(new InProcessActivityRegistry().AddDocumentActivities(activities), options);
    }

    /// <summary>Runs one document; several may run at once and share the host's concurrency limits.</summary>
    public Task<DocumentWorkflowResult> RunAsync(
        DocumentWorkflowInput input,
        IProgress<WorkflowEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _host.RunAsync(input.SourceName, context => DocumentWorkflow.RunAsync(context, input), progress, cancellationToken);
    }

    public void Dispose() => _host.Dispose();
}
