namespace FastVlm.DocPipeline.Workflow;

/// <summary>
/// The small slice of Durable Functions' <c>TaskOrchestrationContext</c> the document workflow
/// uses. Workflow code written against it must be deterministic: no I/O, no clocks, no
/// randomness; everything real happens in activities whose inputs and outputs serialise to JSON.
/// Two hosts implement it: the in-process engine (CLI, tests) and the Functions orchestrator.
/// </summary>
public interface IWorkflowContext
{
    /// <summary>Replay-safe current time (the orchestration's clock, not the machine's).</summary>
    DateTime CurrentUtcDateTime { get; }

    /// <summary>Replay-safe new id: the same value every time the workflow replays to this point.</summary>
    Guid NewGuid();

    /// <summary>Calls a named activity, retrying by <paramref name="retry"/> when it throws.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null);

    /// <summary>Runs a named workflow (<see cref="WorkflowNames"/>) as a child with its own history.</summary>
    Task<TResult> CallSubWorkflowAsync<TResult>(string name, object input, string instanceId);

    /// <summary>Publishes progress (Durable's custom status).</summary>
    void SetCustomStatus(object? status);
}
