namespace FastVlm.DocPipeline.Workflow;

/// <summary>Names of the workflows (Durable orchestrators) of the document pipeline.</summary>
public static class WorkflowNames
{
    /// <summary><see cref="DocumentWorkflow"/>: one document, the root of its run.</summary>
    public const string Document = "DocumentOrchestrator";

    /// <summary><see cref="PageRangeWorkflow"/>: a bounded range of a document's pages.</summary>
    public const string PageRange = "PageRangeOrchestrator";
}
