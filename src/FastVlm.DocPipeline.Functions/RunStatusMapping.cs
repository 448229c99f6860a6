using FastVlm.DocPipeline.Workflow.Hosting;
using Microsoft.DurableTask.Client;

namespace FastVlm.DocPipeline.Functions;

/// <summary>Durable's runtime status in the core's terms (<see cref="OrchestrationStartPolicy"/> decides on it).</summary>
internal static class RunStatusMapping
{
    public static HostedRunStatus? ToHosted(OrchestrationMetadata? instance) => instance?.RuntimeStatus switch
    {
        null => null,
        OrchestrationRuntimeStatus.Pending => HostedRunStatus.Pending,
        OrchestrationRuntimeStatus.Running => HostedRunStatus.Running,
        OrchestrationRuntimeStatus.Suspended => HostedRunStatus.Suspended,
        OrchestrationRuntimeStatus.Completed => HostedRunStatus.Completed,
        OrchestrationRuntimeStatus.Failed => HostedRunStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => HostedRunStatus.Terminated,
        // ContinuedAsNew and Canceled are obsolete and never reported; treat them as still alive.
        _ => HostedRunStatus.Running,
    };
}
