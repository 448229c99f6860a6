using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Workflow.InProcess;

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowEventKind>))]
public enum WorkflowEventKind
{
    StatusChanged,
    ActivityStarted,
    ActivityCompleted,
    ActivityRetrying,
    ActivityFailed,
}
