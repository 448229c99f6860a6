using FastVlm.DocPipeline.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace FastVlm.DocPipeline.Functions;

/// <summary>The orchestrators: the core <see cref="DocumentWorkflow"/> and <see cref="PageRangeWorkflow"/> on Durable's context, nothing else.</summary>
public static class DocumentOrchestrator
{
    [Function(WorkflowNames.Document)]
    public static Task<DocumentWorkflowResult> RunDocumentAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<DocumentWorkflowInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} was started without a {nameof(DocumentWorkflowInput)}.");
        return DocumentWorkflow.RunAsync(new DurableWorkflowContext(context), input);
    }

    [Function(WorkflowNames.PageRange)]
    public static Task<PageRangeSummary> RunPageRangeAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<PageRangeInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} was started without a {nameof(PageRangeInput)}.");
        return PageRangeWorkflow.RunAsync(new DurableWorkflowContext(context), input);
    }
}
