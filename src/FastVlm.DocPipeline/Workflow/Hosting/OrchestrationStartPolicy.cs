namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// Idempotent starts: a document's orchestration instance id is derived from its content, so a re-upload of
/// the same bytes finds the earlier instance. Pure, so the blob trigger, the HTTP submit endpoint and the
/// in-process engine decide the same way.
/// </summary>
public static class OrchestrationStartPolicy
{
    /// <param name="existing">Status of the instance with the same id, or null when there is none.</param>
    /// <param name="force">A user asked for a re-run (HTTP submit with <c>force=true</c>).</param>
    public static StartDecision Decide(HostedRunStatus? existing, bool force) => existing switch
    {
        null => StartDecision.Start,
        HostedRunStatus.Pending or HostedRunStatus.Running or HostedRunStatus.Suspended => StartDecision.AlreadyRunning,
        HostedRunStatus.Completed => force ? StartDecision.Start : StartDecision.AlreadyCompleted,
        HostedRunStatus.Failed or HostedRunStatus.Terminated => StartDecision.Start,
        _ => throw new ArgumentOutOfRangeException(nameof(existing), existing, "Unknown run status."),
    };
}
