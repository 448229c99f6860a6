using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Workflow.InProcess;

/// <summary>A progress event of an in-process workflow run (for the CLI's display).</summary>
public sealed record WorkflowEvent
{
    /// <summary>The run's name given to <see cref="InProcessWorkflowHost.RunAsync{TResult}"/> (the source name for documents).</summary>
    public required string Instance { get; init; }

    public required WorkflowEventKind Kind { get; init; }

    public string? ActivityName { get; init; }

    /// <summary>1-based attempt of the activity call.</summary>
    public int Attempt { get; init; }

    /// <summary>Duration of the attempt (completed, failed, retrying).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Delay before the next attempt (retrying).</summary>
    public TimeSpan RetryDelay { get; init; }

    public ErrorInfo? Error { get; init; }

    /// <summary>The custom status (a <see cref="WorkflowProgress"/> for the document workflow).</summary>
    public object? Status { get; init; }

    /// <summary>The activity's output (completed).</summary>
    public object? Output { get; init; }
}
