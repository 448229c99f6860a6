namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>Stable error codes hosts record for inputs they reject before a workflow starts.</summary>
public static class HostingErrorCodes
{
    /// <summary>The uploaded file has no bytes.</summary>
    public const string EmptyDocument = "document.empty";
}
