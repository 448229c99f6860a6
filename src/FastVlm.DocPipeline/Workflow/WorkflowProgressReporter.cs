namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// Keeps the counters behind <see cref="WorkflowProgress"/> and publishes a snapshot on every change.
/// Locked because the in-process host may resume page tasks on several threads at once.
/// </summary>
internal sealed class WorkflowProgressReporter(IWorkflowContext context, string sourceName, int fieldCount)
{
    private readonly Lock _lock = new();
    private string _stage = WorkflowStages.Preparing;
    private string? _documentId;
    private string? _runId;
    private int _pageCount;
    private int _skipped;
    private int _rendered;
    private int _done;
    private int _failed;

    public void Identify(string documentId, string runId) => Update(() => (_documentId, _runId) = (documentId, runId));

    public void SetPages(int pageCount, int skipped) => Update(() => (_pageCount, _skipped) = (pageCount, skipped));

    /// <summary>Page outcomes, known once the page ranges have returned.</summary>
    public void SetOutcome(int rendered, int done, int failed, int skipped) =>
        Update(() => (_rendered, _done, _failed, _skipped) = (rendered, done, failed, skipped));

    public void Publish(string stage) => Update(() => _stage = stage);

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
            context.SetCustomStatus(new WorkflowProgress
            {
                SourceName = sourceName,
                DocumentId = _documentId,
                RunId = _runId,
                Stage = _stage,
                PageCount = _pageCount,
                PagesRendered = _rendered,
                PagesDone = _done,
                PagesFailed = _failed,
                PagesSkipped = _skipped,
                FieldCount = fieldCount,
            });
        }
    }
}
