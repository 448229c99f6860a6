using FastVlm.DocPipeline.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FastVlm.DocPipeline.Functions;

/// <summary>The orchestrator: the core <see cref="DocumentWorkflow"/> on Durable's context, nothing else.</summary>
public static class DocumentOrchestrator
{
    public const string Name = "DocumentOrchestrator";

    [Function(Name)]
    public static Task<DocumentWorkflowResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var input = context.GetInput<DocumentWorkflowInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} was started without a {nameof(DocumentWorkflowInput)}.");
        return DocumentWorkflow.RunAsync(new DurableWorkflowContext(context), input);
    }
}
