namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>Values of <see cref="PageRecord.Status"/>.</summary>
public static class PageStatuses
{
    public const string Done = "done";
    public const string Failed = "failed";
}
