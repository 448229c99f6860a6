using FastVlm.DocPipeline.Telemetry;
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

    /// <summary>
    /// Runs one document; several may run at once and share the host's concurrency limits. The run is traced
    /// as a document span with range, page and field spans under it (see <see cref="DocPipelineTelemetry"/>).
    /// </summary>
    public async Task<DocumentWorkflowResult> RunAsync(
        DocumentWorkflowInput input,
        IProgress<WorkflowEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var telemetry = DocumentTelemetry.Start(input.SourceName, input.Schema?.Name ?? ClassificationRequest.AutoSchemaName);
        using var ranges = new InProcessRangeTracker();
        var result = await _host.RunAsync(input.SourceName, context => DocumentWorkflow.RunAsync(context, input), progress, ranges, cancellationToken)
            .ConfigureAwait(false);
        telemetry.Complete(result.DocumentId, result.RunId, result.Status, result.NeedsReview, result.PageCount, result.PagesExtracted, result.FailedPages, result.Error);
        return result;
    }

    public void Dispose() => _host.Dispose();
}
