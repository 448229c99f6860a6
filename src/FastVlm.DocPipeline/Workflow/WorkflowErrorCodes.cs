namespace FastVlm.DocPipeline.Workflow;

/// <summary>Stable error codes the workflow and its activities report.</summary>
public static class WorkflowErrorCodes
{
    /// <summary>The source's bytes differ from the content the run pinned at its start.</summary>
    public const string SourceChanged = "source.changed";

    /// <summary>A split part's page range lies outside the file (the file changed between classification and extraction).</summary>
    public const string SplitOutOfRange = "split.out_of_range";

    /// <summary>An activity names a schema hash the run did not store.</summary>
    public const string RunSchemaMissing = "run.schema_missing";

    public const string DocumentMissing = "store.document_missing";
}
