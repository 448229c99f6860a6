namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// The runtime status of an existing orchestration instance, as a host reports it (Durable's
/// <c>OrchestrationRuntimeStatus</c> maps one to one; the in-process engine uses the same values).
/// </summary>
public enum HostedRunStatus
{
    Pending,
    Running,
    Suspended,
    Completed,
    Failed,
    Terminated,
}
