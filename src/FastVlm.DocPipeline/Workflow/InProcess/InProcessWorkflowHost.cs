namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>
/// Runs workflows in this process: activities from a registry, bounded concurrency per activity name
/// (shared by every run of the host), retries with backoff, progress events, cancellation.
/// </summary>
public sealed class InProcessWorkflowHost : IDisposable
{
    private readonly Dictionary<string, SemaphoreSlim> _limits;

    public InProcessWorkflowHost(InProcessActivityRegistry activities, InProcessWorkflowOptions? options = null)
    {
        Activities = activities ?? throw new ArgumentNullException(nameof(activities));
        Options = options ?? new InProcessWorkflowOptions();
        _limits = Options.MaxConcurrency.ToDictionary(
            kv => kv.Key,
            kv => new SemaphoreSlim(Math.Max(1, kv.Value), Math.Max(1, kv.Value)),
            StringComparer.Ordinal);
    }

    internal InProcessActivityRegistry Activities { get; }

    internal InProcessWorkflowOptions Options { get; }

    /// <summary>Runs <paramref name="workflow"/> with a fresh context; <paramref name="instance"/> names it in events.</summary>
    public Task<TResult> RunAsync<TResult>(
        string instance,
        Func<IWorkflowContext, Task<TResult>> workflow,
        IProgress<WorkflowEvent>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(instance, workflow, progress, null, cancellationToken);

    /// <summary>Runs <paramref name="workflow"/>; <paramref name="ranges"/> gives its activities their range spans.</summary>
    internal Task<TResult> RunAsync<TResult>(
        string instance,
        Func<IWorkflowContext, Task<TResult>> workflow,
        IProgress<WorkflowEvent>? progress,
        InProcessRangeTracker? ranges,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var context = new InProcessWorkflowContext(this, instance, progress, cancellationToken, ranges);
        return workflow(context);
    }

    internal SemaphoreSlim? LimitFor(string activityName) => _limits.GetValueOrDefault(activityName);

    public void Dispose()
    {
        foreach (var limit in _limits.Values)
        {
            limit.Dispose();
        }
    }
}
