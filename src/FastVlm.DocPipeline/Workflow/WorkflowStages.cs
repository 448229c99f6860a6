namespace FastVlm.DocPipeline.Workflow;

/// <summary>Values of <see cref="WorkflowProgress.Stage"/>.</summary>
public static class WorkflowStages
{
    public const string Preparing = "preparing";
    public const string Rasterizing = "rasterizing";
    public const string Extracting = "extracting";
    public const string Merging = "merging";
    public const string Completed = "completed";
    public const string Failed = "failed";
}
